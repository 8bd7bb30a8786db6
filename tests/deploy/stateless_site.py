"""Content for the two-instance test, written by a subprocess running the production settings.

test_two_instances.py runs `manage.py shell -c` with its environment (the stateless database,
Redis, the S3 endpoint) and reads the JSON these functions print: the test process itself runs
the test settings, and must not write to that database with them.
"""

import json

from tests.core.factories import ImageFactory
from tests.extranet.factories import MembershipFactory, UserFactory, activate_totp
from tests.home.factories import StandardPageFactory, create_site

MEMBER_EMAIL = "membre@stateless.example.org"
EDITOR_EMAIL = "redaction@stateless.example.org"
ORIGINAL_TITLE = "Version d'origine"
DRAFT_TITLE = "Version publiée"


def prepare():
    home = create_site(hostname="dynamique-emploi.test", port=443)
    page = StandardPageFactory(parent=home, title=ORIGINAL_TITLE, slug="a-publier")
    # An editor's saved draft: the test publishes it through one app server.
    page.title = DRAFT_TITLE
    page.save_revision()
    image = ImageFactory(title="Affiche")
    membership = MembershipFactory(user__email=MEMBER_EMAIL)
    editor = UserFactory(email=EDITOR_EMAIL, is_superuser=True, is_staff=True)
    print(
        json.dumps(
            {
                "page_id": page.pk,
                "page_path": page.url,
                "image_url": image.file.url,
                "image_name": image.file.name,
                "member_email": MEMBER_EMAIL,
                "organisation": membership.organisation.name,
                "editor_email": EDITOR_EMAIL,
                "editor_totp_secret": activate_totp(editor),
            }
        )
    )
