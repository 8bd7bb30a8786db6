from taggit.utils import parse_tags


def test_tags_typed_in_arabic_are_split_on_the_arabic_comma():
    assert parse_tags("توظيف، تنقّل") == ["تنقّل", "توظيف"]


def test_tags_typed_in_french_are_split_as_before():
    assert parse_tags("mobilité, permis de conduire") == ["mobilité", "permis de conduire"]
    assert parse_tags("") == []
