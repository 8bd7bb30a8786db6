"""Tests of the deployment: production settings, `check_production`, several app servers."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "stateless: starts gunicorn app servers on PostgreSQL, Redis and an S3 endpoint (moto)",
    )
