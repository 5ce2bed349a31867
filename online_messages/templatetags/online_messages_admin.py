from django import template

from ..models import Message

register = template.Library()


@register.simple_tag(takes_context=True)
def new_message_count(context):
    """How many messages are new, for staff who may see messages; None for everybody else."""
    request = context.get("request")
    if request is None or not request.user.has_perm("online_messages.view_message"):
        return None
    return Message.objects.new().count()
