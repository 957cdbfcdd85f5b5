"""A small SAML 2.0 identity provider for the tests, on 127.0.0.1, built from pysaml2's own IdP (`saml2.server`).

`/metadata` publishes its metadata (signing certificate, single sign-on by HTTP-Redirect); `/sso` takes
the portal's AuthnRequest (HTTP-Redirect binding), checks it against the portal's metadata, and answers
the auto-posting form of the HTTP-POST binding with a Response whose assertion is signed (xmlsec1) and
carries the person's attributes: `identity`. One person signs in at a time.
"""

import datetime
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.response import IncorrectlySigned
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server

from .identity_provider import _free_server


def key_and_certificate(folder: Path, name: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


class IdentityProvider:
    def __init__(self, folder: Path, *, identity: dict):
        self.identity = identity
        self.folder = folder
        self.key_file, self.cert_file = key_and_certificate(folder, "idp")
        self.server = _free_server(self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.sp_metadata = ""  # the portal's metadata, fetched by the test from the portal
        self.requests_seen = 0
        self.wants_signed_requests = False  # True: refuses an AuthnRequest the portal did not sign
        self.refused = 0
        self.logout_requests: list = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def config(self, with_sp: bool) -> IdPConfig:
        settings = {
            "entityid": f"{self.url}/metadata",
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "key_file": self.key_file,
            "cert_file": self.cert_file,
            "allow_unknown_attributes": True,
            "service": {
                "idp": {
                    "name": "Test IdP",
                    "endpoints": {
                        "single_sign_on_service": [(f"{self.url}/sso", BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [(f"{self.url}/slo", BINDING_HTTP_REDIRECT)],
                    },
                    "policy": {"default": {"lifetime": {"minutes": 5}, "sign_assertion": True}},
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                    "want_authn_requests_signed": self.wants_signed_requests,
                }
            },
            "metadata": {"inline": [self.sp_metadata]} if with_sp else {},
        }
        config = IdPConfig()
        config.load(settings)
        return config

    def metadata(self) -> str:
        return create_metadata_string(None, config=self.config(with_sp=False)).decode()

    def answer(self, query: str) -> str:
        """The HTML form that posts the signed Response to the portal."""
        self.requests_seen += 1
        params = parse_qs(query)
        server = Server(config=self.config(with_sp=True))
        first = {name: values[0] for name, values in params.items()}
        # With the HTTP-Redirect binding the signature is in the query (SigAlg, Signature), over the
        # request, the relay state and the algorithm; pysaml2 checks it with the certificate in the
        # portal's metadata when the provider wants signed requests.
        request = server.parse_authn_request(
            first["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=first.get("RelayState"),
            sigalg=first.get("SigAlg"),
            signature=first.get("Signature"),
        )
        message = request.message
        destination = message.assertion_consumer_service_url
        response = server.create_authn_response(
            identity={k: v for k, v in self.identity.items() if k != "email"},
            in_response_to=message.id,
            destination=destination,
            sp_entity_id=message.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=self.identity["mail"][0]),
            sign_assertion=True,
            sign_response=False,
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
        )
        relay_state = params.get("RelayState", [""])[0]
        form = server.apply_binding(
            BINDING_HTTP_POST, str(response), destination, relay_state, response=True
        )
        return form["data"]

    def logout_answer(self, query: str) -> str:
        """Single logout started by the portal: the provider ends its session and sends the browser back
        with a LogoutResponse (HTTP-Redirect binding); the Location of that redirect."""
        params = {name: values[0] for name, values in parse_qs(query).items()}
        server = Server(config=self.config(with_sp=True))
        request = server.parse_logout_request(params["SAMLRequest"], BINDING_HTTP_REDIRECT)
        self.logout_requests.append(request.message)
        response = server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT])
        destination = server.metadata.single_logout_service(
            request.message.issuer.text, BINDING_HTTP_REDIRECT, "spsso"
        )[0]["location"]
        http = server.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(response),
            destination,
            params.get("RelayState", ""),
            response=True,
        )
        return dict(http["headers"])["Location"]

    def logout_request_to(self, sp_entity_id: str) -> str:
        """Single logout started at the provider (the person signed out there): the address, on the
        portal, of the LogoutRequest for the signed-in person."""
        server = Server(config=self.config(with_sp=True))
        destination = server.metadata.single_logout_service(
            sp_entity_id, BINDING_HTTP_REDIRECT, "spsso"
        )[0]["location"]
        request_id, request = server.create_logout_request(
            destination,
            sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=self.identity["mail"][0]),
            reason="urn:oasis:names:tc:SAML:2.0:logout:user",
        )
        http = server.apply_binding(BINDING_HTTP_REDIRECT, str(request), destination, "")
        return dict(http["headers"])["Location"]

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path == "/metadata":
                    body, kind = provider.metadata(), "application/samlmetadata+xml"
                elif parts.path == "/sso":
                    try:
                        body, kind = provider.answer(parts.query), "text/html"
                    except IncorrectlySigned:
                        provider.refused += 1
                        self.send_error(403, "the request is not signed by the portal")
                        return
                elif parts.path == "/slo":
                    self.send_response(302)
                    self.send_header("Location", provider.logout_answer(parts.query))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                else:
                    self.send_error(404)
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
