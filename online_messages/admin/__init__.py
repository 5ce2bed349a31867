from .blocklist import BlocklistEntryAdmin
from .inbox import MessageAdmin

__all__ = ["BlocklistEntryAdmin", "MessageAdmin"]
