# The portal's image: gunicorn with whitenoise; the same image runs the Celery worker and beat.
# Debian bookworm, the release our CI machines run, so the packages below are the ones CI tests.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDF exports) needs Pango: the packages its documentation names for Debian,
# plus fonts for the PDFs; SAML sign-on (pysaml2) signs and checks with the xmlsec1 program.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core fontconfig xmlsec1 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Runtime dependencies only, exactly as locked, every file checked against its hash: no test,
# development or load-test tool is in the image (tests/test_packaging.py reads this line).
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --require-hashes -r requirements/runtime.txt

COPY . .
# The last check fails the build, not the first HR export, when WeasyPrint cannot render.
RUN DEBUG=false TRUSTED_PROXY_COUNT=0 SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py collectstatic --noinput \
 && python manage.py compile_translations \
 && python -c "import weasyprint; assert weasyprint.HTML(string='<p>Größe</p>').write_pdf().startswith(b'%PDF')" \
 && useradd --system --uid 10001 --home-dir /app portal \
 && mkdir -p /app/var/media /app/var/celery \
 && chown -R portal /app/var

USER portal
EXPOSE 8000
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
