"""``{% page_cache "name" %}…{% endpage_cache %}``: a page's content kept per data version
for its viewer (see ``rkkp_portal/page_cache.py``).

The view puts a ``page_content`` callable in the context that returns the variables the
wrapped part needs (its queries run there). The tag looks for a kept rendering first;
only on a miss does it call ``page_content``, render the part with what it returned and
keep the result.
"""

from django import template
from django.utils.safestring import mark_safe

from rkkp_portal import page_cache

register = template.Library()


class PageCacheNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        request = context["request"]
        fragment_key, kept = page_cache.lookup(self.name, request)
        csrf_token = str(context.get("csrf_token") or "")
        if kept is not None:
            # Kept only after it was rendered (and escaped) by this node.
            return mark_safe(page_cache.serve(kept, csrf_token))  # noqa: S308
        build = context.get("page_content")
        with context.push(**(build() if build is not None else {})):
            html = self.nodelist.render(context)
        if fragment_key is not None:
            page_cache.keep(fragment_key, html, csrf_token)
        return html


@register.tag(name="page_cache")
def page_cache_tag(parser, token) -> PageCacheNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Use {% page_cache "name" %}…{% endpage_cache %}')
    nodelist = parser.parse(("endpage_cache",))
    parser.delete_first_token()
    return PageCacheNode(nodelist, bits[1][1:-1])
