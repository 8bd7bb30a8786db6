"""Hostile values in the members' sign-in and password reset (allauth, under /compte/).

Nobody here has an account: every attempt is refused with the form's errors (or a rate limit),
never a 500, and what was typed never comes back as live markup.
"""

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.inputs import (
    MARKUP,
    HostileTestCase,
    assert_handled,
    assert_no_live_markup,
    examples,
    hostile_text,
)

logins = st.one_of(
    st.sampled_from(["awa@example.org", " AWA@Example.ORG ", *MARKUP]),
    st.emails().map(str),
    hostile_text,
)
next_urls = st.one_of(
    st.sampled_from(
        ["", "/extranet/", "//evil.example.org/", "https://evil.example.org/", *MARKUP]
    ),
    hostile_text,
)


class SignInTests(HostileTestCase):
    @settings(max_examples=examples(25))
    @given(login=logins, password=hostile_text, remember=hostile_text, next_url=next_urls)
    def test_a_sign_in_with_any_values_is_refused_with_errors(
        self, login, password, remember, next_url
    ):
        response = self.client.post(
            reverse("account_login"),
            {"login": login, "password": password, "remember": remember, "next": next_url},
        )
        # 429 when allauth's rate limit answers before the form.
        assert_handled(response, expected=(200, 429))
        assert_no_live_markup(response.content)

    @settings(max_examples=examples(15))
    @given(email=logins)
    def test_a_password_reset_for_any_value_is_answered(self, email):
        response = self.client.post(reverse("account_reset_password"), {"email": email})
        # 302 to « check your e-mail » for any well-formed address, known or not.
        assert_handled(response, expected=(200, 302, 429))
        assert_no_live_markup(response.content)
