import pytest
from django.template import Context, Template


@pytest.mark.parametrize(
    ("url", "html"),
    [
        (
            "https://verein.example/über",
            '<a href="https://verein.example/über" rel="noopener" dir="ltr">'
            "https://verein.example/über</a>",
        ),
        ("javascript:alert(1)", '<span dir="ltr">javascript:alert(1)</span>'),
        ("JavaScript:alert(1)", '<span dir="ltr">JavaScript:alert(1)</span>'),
        (
            "data:text/html,<script>x</script>",
            '<span dir="ltr">data:text/html,&lt;script&gt;x&lt;/script&gt;</span>',
        ),
        ("", ""),
    ],
)
def test_a_website_is_linked_only_when_it_is_http_or_https(url, html):
    rendered = Template("{% load portal %}{% web_link url %}").render(Context({"url": url}))
    assert rendered == html
