"""What a person reads on a page, for assertions: the HTML with its entities decoded."""

import html


def text(response):
    return html.unescape(response.content.decode())
