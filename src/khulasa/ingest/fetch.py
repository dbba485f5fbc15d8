"""Download a page, safely: the only module in ingest that touches the network.

A newsroom's Khulasa runs inside its network, so a URL from outside must
never make it reach inside (server-side request forgery). Every hop is
resolved here, each address checked against :class:`AddressPolicy`, and the
connection made to the very address that was checked (the host name goes in
the Host header and TLS SNI), so a DNS answer cannot change between check
and use. Redirects are followed by hand, each one checked again. The body is
read as a stream under a byte limit that also holds after decompression, and
under a total deadline that a slow server cannot stretch.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from khulasa.config import Settings
from khulasa.errors import BinaryInput, FetchError
from khulasa.ingest.decoding import declared_charset, decode

Resolver = Callable[[str, int], list[str]]
"""Host name and port → IP addresses as strings; the tests pass their own."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
REDIRECTS = {301, 302, 303, 307, 308}
ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/json",
)
USER_AGENT = "Khulasa/0.1 (+summaries of Arabic news)"


@dataclass(frozen=True)
class Fetched:
    """A downloaded document, decoded."""

    url: str
    """The final URL, after redirects."""
    content_type: str
    """Media type without parameters, e.g. "text/html"."""
    charset: str
    """The encoding the text was decoded with."""
    text: str
    """The decoded body ("" when ``not_modified``)."""
    etag: str | None = None
    """The answer's ETag, to send back as If-None-Match next time."""
    last_modified: str | None = None
    """The answer's Last-Modified, to send back as If-Modified-Since next time."""
    not_modified: bool = False
    """True when a conditional request was answered 304: the copy the caller holds is still current."""
    warning: str | None = None
    """What decoding had to repair or guess (see :mod:`khulasa.ingest.decoding`), or None."""


def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's answer for ``host``.

    A name no DNS can hold (a part over 63 characters, an empty part as in
    ``a..b``) fails in Python's IDNA step before any lookup, with a
    UnicodeError: it is refused like a name that does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"the host name {host!r} could not be resolved ({exc.strerror}).") from None
    except UnicodeError:
        shown = host if len(host) <= 60 else host[:60] + "…"
        raise FetchError(f"{shown!r} is not a usable host name: each dot-separated part must have 1 to 63 characters.") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressPolicy:
    """Which addresses a fetch may connect to.

    Public unicast addresses are allowed. Loopback, private, link-local
    (including cloud metadata at 169.254.169.254), multicast, reserved,
    unspecified and every other non-global range are refused, for IPv4,
    IPv6 and IPv4 addresses wrapped in IPv6 (::ffff:10.0.0.1, 64:ff9b::/96,
    6to4). The allowlist (``KHULASA_FETCH_ALLOW``: host names, addresses or
    CIDR ranges) opens exceptions for a newsroom's own CMS hosts.
    """

    def __init__(self, allow: str = "") -> None:
        self.hosts: set[str] = set()
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for item in (part.strip() for part in allow.split(",")):
            if not item:
                continue
            try:
                self.networks.append(ipaddress.ip_network(item.strip("[]"), strict=False))
            except ValueError:
                self.hosts.add(item.lower().rstrip("."))

    def check(self, host: str, address: str) -> None:
        """Raise :class:`FetchError` unless ``host`` may be reached at ``address``."""
        if host.lower().rstrip(".") in self.hosts:
            return
        try:
            ip = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            raise FetchError(f"{host} resolved to {address!r}, which is not an IP address.") from None
        if any(ip in net for net in self.networks):
            return
        for inner in _unwrapped(ip):
            if not inner.is_global or inner.is_multicast:
                raise FetchError(
                    f"refused to fetch {host}: it points to {ip}, a loopback, private or reserved address; "
                    "add the host to KHULASA_FETCH_ALLOW if it is your own CMS."
                )


def _unwrapped(ip: IPAddress) -> Iterable[IPAddress]:
    """The address itself and any IPv4 address it carries inside."""
    yield ip
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            yield ip.ipv4_mapped
        if ip.sixtofour:
            yield ip.sixtofour
        if ip in ipaddress.ip_network("64:ff9b::/96"):
            yield ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)


def fetch(
    url: str, settings: Settings, *, resolver: Resolver = system_resolver, conditions: Mapping[str, str] | None = None
) -> Fetched:
    """Download ``url`` under every guard in this module; raise :class:`FetchError` with the reason.

    ``conditions`` are the validators of a copy already held (If-None-Match,
    If-Modified-Since): a 304 answer comes back as ``Fetched.not_modified``.
    """
    policy = AddressPolicy(settings.fetch_allow)
    deadline = time.monotonic() + settings.fetch_timeout
    timeout = httpx.Timeout(settings.fetch_connect_timeout, read=settings.fetch_timeout)
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, verify=True) as client:
        for _hop in range(settings.fetch_max_redirects + 1):
            target = _checked_target(url, policy, resolver)
            location = _get(client, url, target, settings, deadline, conditions or {})
            if isinstance(location, Fetched):
                return location
            url = location
    raise FetchError(f"gave up after {settings.fetch_max_redirects} redirects; give the article's final URL.")


@dataclass(frozen=True)
class _Target:
    host: str
    address: str
    url: str
    host_header: str


def _checked_target(url: str, policy: AddressPolicy, resolver: Resolver) -> _Target:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unclosed [IPv6 address]
        raise FetchError(f"the URL is not valid ({exc}): {url[:200]}") from None
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'this'}: {url[:200]}")
    host = parts.hostname
    if not host:
        raise FetchError(f"the URL has no host name: {url[:200]}")
    if parts.username or parts.password:
        raise FetchError("URLs with a user name or password are refused; give the article's public URL.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"the URL has an invalid port: {url[:200]}") from None
    addresses = addresses_of(host, port, resolver)
    if not addresses:
        raise FetchError(f"the host name {host!r} has no address.")
    for address in addresses:  # every answer must pass: a name that points anywhere inside is refused
        policy.check(host, address)
    ip_url, host_header = pinned(parts, addresses[0], port)
    return _Target(host, addresses[0], ip_url, host_header)


def addresses_of(host: str, port: int, resolver: Resolver) -> list[str]:
    """The addresses to check for ``host``: an address written in the URL as it stands (never resolved), else the resolver's."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return resolver(host, port)


def pinned(parts: SplitResult, address: str, port: int) -> tuple[str, str]:
    """The URL with the checked ``address`` in place of its host, and the Host header the server expects.

    Connecting to the very address that was checked is what keeps a DNS
    answer from changing between the check and the request.
    """
    literal = f"[{address}]" if ":" in address else address
    url = f"{parts.scheme}://{literal}:{port}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
    host = parts.hostname or ""
    return url, host if port == (443 if parts.scheme == "https" else 80) else f"{host}:{port}"


def _get(
    client: httpx.Client, url: str, target: _Target, settings: Settings, deadline: float, conditions: Mapping[str, str]
) -> Fetched | str:
    """One hop: the document, or the next URL when the answer is a redirect."""
    headers = {**conditions, "Host": target.host_header, "User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    extensions = {"sni_hostname": target.host} if url.startswith("https") else {}
    try:
        with client.stream("GET", target.url, headers=headers, extensions=extensions) as response:
            if response.status_code in REDIRECTS and "location" in response.headers:
                try:
                    return urljoin(url, response.headers["location"])
                except ValueError:
                    raise FetchError(f"{url[:200]} redirected to an address that is not a valid URL.") from None
            etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
            if response.status_code == 304 and conditions:
                return Fetched(url, "", "", "", etag=etag, last_modified=modified, not_modified=True)
            if response.status_code >= 400:
                raise FetchError(f"{url[:200]} answered HTTP {response.status_code}; check the URL.")
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type and media_type not in ACCEPTED_TYPES:
                raise FetchError(f"{url[:200]} is {media_type}, not a web page or feed.")
            body = _read_limited(response, settings.fetch_max_bytes, deadline, url)
            content_type = response.headers.get("content-type", "")
            try:
                decoded = decode(body, declared_charset(content_type, body))
            except BinaryInput:
                raise FetchError(
                    f"{url[:200]} sent something that is not text: not UTF-8, not the charset it declared, "
                    "nor Windows-1256 Arabic."
                ) from None
            return Fetched(
                url=url,
                content_type=media_type or "text/html",
                charset=decoded.encoding,
                text=decoded.text,
                etag=etag,
                last_modified=modified,
                warning=decoded.warning,
            )
    except httpx.TimeoutException:
        raise FetchError(f"{url[:200]} did not answer in time; try again later.") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url[:200]} could not be fetched ({type(exc).__name__}: {exc}).") from None


def _read_limited(response: httpx.Response, limit: int, deadline: float, url: str) -> bytes:
    """The body, decompressed, refusing more than ``limit`` bytes or reading past ``deadline``."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip", "deflate", ""}:
        raise FetchError(f"{url[:200]} used an unsupported content encoding ({encoding}).")
    inflater = zlib.decompressobj(47) if encoding in {"gzip", "x-gzip", "deflate"} else None  # 47: gzip or zlib header
    too_big = FetchError(f"{url[:200]} is larger than the {limit / 1e6:.1f} MB limit (KHULASA_FETCH_MAX_BYTES).")
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchError(f"{url[:200]} took longer than the time limit to send its page; try again later.")
        data = raw
        while data:
            if inflater is None:
                out, data = data, b""
            else:
                try:  # never inflate more than one byte past the limit: a gzip bomb stops here
                    out = inflater.decompress(data, limit + 1 - size)
                except zlib.error:
                    raise FetchError(f"{url[:200]} sent a corrupt compressed body.") from None
                data = inflater.unconsumed_tail
            size += len(out)
            if size > limit:
                raise too_big
            chunks.append(out)
    return b"".join(chunks)
