#!/bin/sh
# The serving part of `make run` (the Makefile sets the product's environment first): one reminder
# sweep, then a Celery worker with embedded beat and gunicorn, their logs in LOG_DIR; once the portal
# answers, the last lines on the terminal are its address and the demo logins.
set -eu
: "${BIN:?}" "${PORT:?}" "${LOG_DIR:?}" "${MAIL_DIR:?}"
mkdir -p "$LOG_DIR" "$MAIL_DIR"

"$BIN/python" manage.py send_reminders

"$BIN/celery" -A portal worker -B --pool solo --loglevel INFO >>"$LOG_DIR/worker.log" 2>&1 &
worker=$!
"$BIN/gunicorn" portal.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
  --access-logfile "$LOG_DIR/access.log" >>"$LOG_DIR/web.log" 2>&1 &
web=$!
trap 'kill $worker $web 2>/dev/null || true' EXIT
trap 'exit 0' INT TERM

url="http://127.0.0.1:$PORT"
until "$BIN/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
  "$url/healthz/live" 2>/dev/null; do
  if ! kill -0 "$web" 2>/dev/null; then
    echo "The portal did not start; the end of $LOG_DIR/web.log says why:" >&2
    tail -n 20 "$LOG_DIR/web.log" >&2
    exit 1
  fi
  sleep 0.5
done

echo
echo "E-mails are written to files in $MAIL_DIR/, logs to $LOG_DIR/; Ctrl-C stops the portal."
echo "Serving on $url"
echo "Demo logins (password demo1234): lead@demo.example, agent@demo.example, hr@demo.example, admin@demo.example"
wait "$web"
