# The site's image: gunicorn with deploy/gunicorn.conf.py; the same image runs the worker
# (`python manage.py db_worker`) and the scheduled jobs (`python manage.py <job>`).
# compose.yaml starts the whole stack on one box; docs/deploy.md lists the variables
# (.env.example too). Build: docker build -t dynamique-emploi .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # manage.py's own default is the development settings.
    DJANGO_SETTINGS_MODULE=config.settings.production \
    # Inside a container gunicorn listens on every interface; publish the port to the proxy only.
    GUNICORN_BIND=0.0.0.0:8000

# gettext: compilemessages (the .mo files are not in git). libmagic1: python-magic, which checks
# what uploaded files really are.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext libmagic1 \
    && rm -rf /var/lib/apt/lists/*

# The site runs as this user, never as root; it owns var/ only (local files, backups).
RUN groupadd --system --gid 10001 dynamique-emploi \
    && useradd --system --uid 10001 --gid dynamique-emploi --home-dir /app --shell /usr/sbin/nologin dynamique-emploi

WORKDIR /app
# Dependencies first: this layer is rebuilt only when the pinned requirements change.
COPY requirements/base.txt requirements/base.txt
RUN python -m pip install --requirement requirements/base.txt

COPY . .
# Catalogs and static files are built into the image, with the production settings (hashed
# names and a manifest, which every page needs). Those settings refuse to load without their
# required variables: placeholders here, used for nothing else and replaced at run time.
RUN export SECRET_KEY=image-build-only ALLOWED_HOSTS=localhost \
        DATABASE_URL=postgres://build@127.0.0.1:5432/build EMAIL_URL=consolemail:// \
    && python manage.py compilemessages --ignore .venv --verbosity 0 \
    && python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p var/media var/private var/backups \
    && chown -R dynamique-emploi:dynamique-emploi var/media var/private var/backups

USER dynamique-emploi
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]
