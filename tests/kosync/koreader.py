"""A client that speaks as KOReader's "Progress sync" plugin does (its KOSyncClient and api.json): the Accept header
its GinClient middleware sets, x-auth-user / x-auth-key (the MD5 of the password typed), JSON bodies, and the
digests it names a document by. Written from KOReader's public source, independently of the app's own code."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from lxml import etree

ACCEPT = "application/vnd.koreader.v1+json"


def md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def lua_lshift(value: int, shift: int) -> int:
    """LuaJIT's bit.lshift: 32-bit, the shift count taken modulo 32."""
    return (value << (shift & 31)) & 0xFFFFFFFF


def partial_md5(data: bytes) -> str:
    """util.partialMD5: for i = -1..10, seek to lshift(1024, 2*i), read 1024 bytes, stop when nothing is read."""
    digest = hashlib.md5(usedforsecurity=False)
    handle = io.BytesIO(data)
    for i in range(-1, 11):
        handle.seek(lua_lshift(1024, 2 * i))
        sample = handle.read(1024)
        if not sample:
            break
        digest.update(sample)
    return digest.hexdigest()


class KOReader:
    def __init__(self, client, username: str, password: str, *, device="Kobo Libra 2", device_id="D3V1C3") -> None:
        self.client = client
        self.username = username
        self.userkey = md5(password)
        self.device = device
        self.device_id = device_id

    def _auth(self) -> dict:
        return {"HTTP_ACCEPT": ACCEPT, "HTTP_X_AUTH_USER": self.username, "HTTP_X_AUTH_KEY": self.userkey}

    def register(self):
        body = json.dumps({"username": self.username, "password": self.userkey})
        return self.client.post("/kosync/users/create", body, content_type="application/json", HTTP_ACCEPT=ACCEPT)

    def authorize(self):
        return self.client.get("/kosync/users/auth", **self._auth())

    def update_progress(self, document: str, progress, percentage: float):
        body = {
            "document": document,
            "progress": str(progress),
            "percentage": percentage,
            "device": self.device,
            "device_id": self.device_id,
        }
        return self.client.put(
            "/kosync/syncs/progress", json.dumps(body), content_type="application/json", **self._auth()
        )

    def get_progress(self, document: str):
        return self.client.get(f"/kosync/syncs/progress/{document}", **self._auth())


def spine_pages(epub: bytes) -> list[tuple[str, bytes]]:
    """The EPUB's spine items in order (what crengine numbers DocFragment[1], [2]…), with their bytes."""
    book = zipfile.ZipFile(io.BytesIO(epub))
    container = etree.fromstring(book.read("META-INF/container.xml"))
    opf_path = container.find(".//{*}rootfile").get("full-path")
    opf = etree.fromstring(book.read(opf_path))
    folder = opf_path.rpartition("/")[0]
    manifest = {item.get("id"): item.get("href") for item in opf.iter("{*}item")}
    hrefs = [manifest[ref.get("idref")] for ref in opf.iter("{*}itemref")]
    return [(href, book.read(f"{folder}/{href}" if folder else href)) for href in hrefs]


def crengine_xpointer(fragment: int, page: bytes, element: etree._Element) -> str:
    """crengine's XPointer of ``element`` (of ``page`` parsed) as KOReader reports it: DocFragment, then
    ``name[i]`` steps from the page's body, ``[i]`` only among several same-named siblings, then its text."""
    steps = []
    node = element
    while etree.QName(node).localname != "body":
        parent = node.getparent()
        name = etree.QName(node).localname
        same = [c for c in parent if isinstance(c.tag, str) and etree.QName(c).localname == name]
        steps.append(name if len(same) == 1 else f"{name}[{same.index(node) + 1}]")
        node = parent
    return f"/body/DocFragment[{fragment}]/body/" + "/".join(reversed(steps)) + "/text().0"


def paragraphs(page: bytes) -> list[etree._Element]:
    """The chapter text's non-empty paragraphs, as the web numbers them."""
    root = etree.fromstring(page)
    text = next(el for el in root.iter("{*}div") if el.get("class") == "userstuff")
    return [p for p in text.iter("{*}p") if "".join(p.itertext()).strip()]
