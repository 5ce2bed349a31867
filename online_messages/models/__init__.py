from .blocklist import BlocklistEntry
from .counters import PostCounter
from .message import Message, default_language
from .reply import Reply

__all__ = ["BlocklistEntry", "Message", "PostCounter", "Reply", "default_language"]
