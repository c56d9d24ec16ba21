# Production image for the RKKP steering-group portal: web (gunicorn), worker and beat
# all run from it; docker-compose.yml shows how. Build: docker build -t rkkp-portal .

# --- Front-end assets from npm (dkfds, htmx); served by the app itself, never a CDN ---
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev

# --- The application ------------------------------------------------------------------
FROM python:3.11-slim AS app

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
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY --from=assets /app/node_modules ./node_modules
COPY . .

# Build-time only: DEBUG=1 spares compilemessages a secret, and collectstatic needs a
# throwaway SECRET_KEY to load settings with DEBUG off (hashed, compressed files).
RUN DEBUG=1 python manage.py compilemessages --ignore=node_modules \
    && DEBUG=0 SECRET_KEY=build-time-only python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin rkkp \
    && mkdir -p var \
    && chown -R rkkp:rkkp var

USER rkkp
EXPOSE 8000
VOLUME ["/app/var"]
CMD ["gunicorn", "rkkp_portal.wsgi", "-c", "gunicorn.conf.py"]
