"""``{% capture as name %}…{% endcapture %}``: render a part once, show it more than once.

base.html shows the main menu twice (the desktop bar and the mobile drawer); capturing it
renders its links and conditions once per page instead of twice.
"""

from django import template

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        # NodeList.render returns a SafeString: what it rendered was escaped as it went.
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token) -> CaptureNode:
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError(f"Use {{% {bits[0]} as name %}}…{{% end{bits[0]} %}}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
