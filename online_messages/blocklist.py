"""The blocklist's rules: how entries are written down, and how a message is matched against them.

Nothing here reads the database: BlocklistEntry.objects.matcher() reads the entries (in one
query) and hands them to ``Blocklist``.
"""

import ipaddress
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

WORD = "word"
LINK_DOMAIN = "link_domain"
EMAIL_DOMAIN = "email_domain"
EMAIL_ADDRESS = "email_address"
IP_RANGE = "ip_range"

# The widest ranges an entry may block: wider ones would shut out whole countries or providers.
MIN_PREFIX = {4: 8, 6: 32}

# A link as the visitor's text writes it: http(s)://host… or www.host…, whatever comes before it
# (Chinese text has no spaces). The host ends where a URL's path, query or fragment starts, or
# at a space or punctuation that no host holds.
LINK = re.compile(
    r"(?<![a-z0-9])https?://([^\s/?#\\<>\"'`，。、；：（）【】《》！？]+)"
    r"|(?<![a-z0-9.@/-])(www\.[^\s/?#\\<>\"'`，。、；：（）【】《》！？]*)",
    re.IGNORECASE,
)
HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# Scripts written without spaces between words: a word in them matches inside longer text.
CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]"
)


def fold(text):
    """Text as words are compared: full-width letters as ASCII ones, any case."""
    return unicodedata.normalize("NFKC", text).casefold()


# --- Normalising entries -------------------------------------------------------------------


def normalise_word(value):
    value = " ".join(value.split())
    if not value:
        raise ValidationError(_("Enter a word or phrase."), code="empty")
    return value


def ascii_host(host):
    """The host's IDNA (ASCII, lower-case) form, or None if it is no host name."""
    host = host.strip().rstrip(".").lower()
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return host or None


def looks_like_domain(host):
    labels = host.split(".")
    return (
        len(labels) >= 2
        and all(HOST_LABEL.fullmatch(label) for label in labels)
        and not labels[-1].isdigit()
        and len(host) <= 253
    )


def normalise_domain(value):
    """A domain as typed or pasted (a URL, ``*.example.top``, ``@example.top``), reduced to its
    host, lower-case, in Unicode for IDN domains."""
    value = value.strip()
    if "://" in value:
        try:
            value = urlsplit(value).hostname or ""
        except ValueError:
            value = ""
    value = value.split("/")[0].split("?")[0].split("#")[0]
    value = value.rsplit("@", 1)[-1].removeprefix("*.").split(":")[0]
    host = ascii_host(value)
    if host is None or not looks_like_domain(host):
        raise ValidationError(
            _("Enter a domain name such as example.top (a link or *.example.top will do)."),
            code="invalid_domain",
        )
    # Shown as staff wrote it (例子.中国), compared in the ASCII form.
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


def normalise_email(value):
    value = value.strip()
    validate_email(value)
    return value.lower()


def normalise_ip_range(value):
    try:
        network = ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise ValidationError(
            _("Enter an IP address or range such as 203.0.113.0/24 or 2001:db8::/48."),
            code="invalid_ip_range",
        ) from None
    mapped = network.version == 6 and network.network_address.ipv4_mapped
    if mapped and network.prefixlen >= 96:
        network = ipaddress.ip_network(f"{mapped}/{network.prefixlen - 96}", strict=False)
    if network.prefixlen < MIN_PREFIX[network.version]:
        raise ValidationError(
            _("This range is too wide: at most /%(prefix)d for IPv%(version)d."),
            code="too_wide",
            params={"prefix": MIN_PREFIX[network.version], "version": network.version},
        )
    return str(network)


NORMALISERS = {
    WORD: normalise_word,
    LINK_DOMAIN: normalise_domain,
    EMAIL_DOMAIN: normalise_domain,
    EMAIL_ADDRESS: normalise_email,
    IP_RANGE: normalise_ip_range,
}


def normalise(kind, value):
    """The value as stored for an entry of this kind; ValidationError if it makes no sense."""
    return NORMALISERS[kind](value)


# --- Reading a message -----------------------------------------------------------------------


def link_hosts(text):
    """The host of every link in the text, one per link (None where it names no host)."""
    hosts = []
    for match in LINK.finditer(text):
        authority = match.group(1) if match.group(1) is not None else match.group(2)
        host = authority.rsplit("@", 1)[-1]
        if host.startswith("["):  # an IPv6 address: no domain
            hosts.append(None)
            continue
        host = host.split(":")[0].rstrip(".")
        # A top-level domain is never part ASCII, part not: "spam.top了解" is a link, then text.
        last = host.rsplit(".", 1)[-1]
        cut = re.match(r"[a-z0-9-]+", last, re.IGNORECASE)
        if cut and cut.end() < len(last):
            host = host[: len(host) - len(last) + cut.end()]
        hosts.append(ascii_host(host))
    return hosts


def client_address(ip):
    """The client's address; an IPv4-mapped IPv6 address counts as the IPv4 address."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def trie_regex(words):
    """One alternation for many words, factored by their common prefixes: the regex engine
    tries a branch per next character, not one per word. A space matches any whitespace."""
    trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node):
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in node.items()
            if char
        ]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{group})?" if "" in node else group

    return build(trie)


@lru_cache(maxsize=4)
def word_pattern(words):
    """One regex for all the (folded) words: whole words, or substrings for CJK words."""
    cjk = [word for word in words if CJK.search(word)]
    latin = [word for word in words if not CJK.search(word)]
    parts = []
    if latin:
        parts.append(rf"(?<!\w){trie_regex(latin)}(?!\w)")
    if cjk:
        parts.append(trie_regex(cjk))
    return re.compile("|".join(parts))


class Blocklist:
    """The blocklist's entries, ready to match messages."""

    def __init__(self, entries):
        self.words = {}  # folded word → entry value
        self.domains = {LINK_DOMAIN: {}, EMAIL_DOMAIN: {}}  # ASCII host → entry value
        self.addresses = {}
        self.networks = []
        for kind, value in entries:
            if kind == WORD:
                self.words[" ".join(fold(value).split())] = value
            elif kind in self.domains:
                self.domains[kind][ascii_host(value)] = value
            elif kind == EMAIL_ADDRESS:
                self.addresses[value.lower()] = value
            elif kind == IP_RANGE:
                self.networks.append((ipaddress.ip_network(value, strict=False), value))

    def match(self, texts, email, ip):
        """The first entry that the message matches, as (kind, value), or None."""
        email = (email or "").lower()
        if email in self.addresses:
            return EMAIL_ADDRESS, self.addresses[email]
        if "@" in email:
            found = self.domain(EMAIL_DOMAIN, ascii_host(email.rsplit("@", 1)[1]))
            if found:
                return EMAIL_DOMAIN, found
        address = client_address(ip)
        for network, value in self.networks:
            if address is not None and address.version == network.version and address in network:
                return IP_RANGE, value
        for text in texts:
            for host in link_hosts(text):
                found = self.domain(LINK_DOMAIN, host)
                if found:
                    return LINK_DOMAIN, found
        if self.words:
            pattern = word_pattern(tuple(sorted(self.words)))
            for text in texts:
                match = pattern.search(fold(text))
                if match:
                    found = " ".join(match.group().split())
                    return WORD, self.words.get(found, found)
        return None

    def domain(self, kind, host):
        """The entry for this host or one of its parent domains."""
        if not host:
            return None
        labels = host.split(".")
        for start in range(len(labels) - 1):
            found = self.domains[kind].get(".".join(labels[start:]))
            if found:
                return found
        return None


def count_links(texts):
    return sum(len(link_hosts(text)) for text in texts)
