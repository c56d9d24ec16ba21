# Production image for the RKKP steering-group portal: web (gunicorn), worker, beat and
# the migrate job all run from it; docker-compose.yml shows how.
# Build: docker build -t rkkp-portal .   (tests/deployment/ checks this file)
#
# Base images are pinned to exact version tags (not digests: they could not be fetched
# where this was written). Raise them deliberately, for security releases (README,
# "Running in production").

# --- Front-end assets from npm (dkfds, htmx); served by the app itself, never a CDN ---
# Node 22, a long-term-support line (supported until April 2027); only npm runs here.
FROM node:22.21.0-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the locked versions; devDependencies (vnu-jar, the HTML checker) stay out.
RUN npm ci --no-audit --no-fund --omit=dev

# --- The application ------------------------------------------------------------------
FROM python:3.11.14-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=rkkp_portal.settings

# gettext provides msgfmt for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The production lock only (no test tools), exactly as pinned: --no-deps installs nothing
# the lock does not name, --require-hashes installs no file whose hash the lock does not
# list (`make lock` writes them), and pip check fails the build if the lock is incomplete.
COPY requirements.lock ./
RUN pip install --no-deps --require-hashes -r requirements.lock && pip check

COPY --from=assets /app/node_modules ./node_modules
COPY . .

# Build-time only: DEBUG=1 spares compilemessages a secret, and collectstatic needs a
# throwaway SECRET_KEY to load settings with DEBUG off (hashed, compressed files).
# The code stays owned by root (read-only to the app); only var/ is the app's to write.
RUN DEBUG=1 python manage.py compilemessages --ignore=node_modules \
    && DEBUG=0 SECRET_KEY=build-time-only python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin rkkp \
    && mkdir -p var \
    && chown -R rkkp:rkkp var

USER rkkp
EXPOSE 8000
VOLUME ["/app/var"]
CMD ["gunicorn", "rkkp_portal.wsgi", "-c", "gunicorn.conf.py"]
