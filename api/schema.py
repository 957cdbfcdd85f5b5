"""The schema says what every endpoint may answer besides success: RFC 9457 problem details."""

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                "required": ["field", "message"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
DESCRIPTIONS = {
    "400": "The request is not valid (malformed JSON, unknown fields, wrong types or values).",
    "401": "No token, or one that is not valid, has expired or was revoked.",
    "403": "The token may not use this endpoint, or may not write.",
    "404": "No such record, or none the token's user may see.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "413": "Over the limits of the key-figure import.",
    "415": "Send JSON.",
    "429": "Too many requests for this token; see Retry-After.",
}
WRITES = ("post", "put", "patch")


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the problem schema and its answers on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            codes = ["400", "401", "403", "404", "405", "406", "429"]
            if method in WRITES:
                codes += ["413", "415"]
            for code in codes:
                answer = operation["responses"].setdefault(
                    code, {"description": DESCRIPTIONS[code]}
                )
                answer.setdefault("content", content)
    return result
