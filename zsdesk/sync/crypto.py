"""Keys, signatures and encryption — all from the ``cryptography`` package.

Signing: Ed25519. Encryption to a site: an ephemeral X25519 key agreement with
the site's public box key, HKDF-SHA256, AES-256-GCM (a sealed box); the header
is authenticated as associated data.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from zsdesk.errors import RefusedError

SEALED_MAGIC = b"ZSYNC-SEALED-1\n"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


class CryptoError(RefusedError):
    """A sealed file cannot be opened with this site's key (code "decrypt", as
    the ``PackageRefused`` it usually becomes)."""

    code = "decrypt"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode(), validate=True)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sign(private_b64: str, data: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(unb64(private_b64)).sign(data))


def verify(public_b64: str, data: bytes, signature_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public_b64)).verify(unb64(signature_b64), data)
        return True
    except (InvalidSignature, ValueError):
        return False


def _derive(shared: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def seal(recipient_box_b64: str, plaintext: bytes, *, to_site: str) -> bytes:
    """Encrypt ``plaintext`` so only the holder of the recipient's box key can read it."""
    eph = X25519PrivateKey.generate()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(unb64(recipient_box_b64)))
    nonce = os.urandom(12)
    header = json.dumps({"to": to_site, "epk": b64(eph.public_key().public_bytes(*_RAW)),
                         "nonce": b64(nonce), "alg": "X25519-HKDF-SHA256-AES256GCM"}).encode()
    key = _derive(shared, b"zsdesk sealed package v1")
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, SEALED_MAGIC + header)
    return SEALED_MAGIC + len(header).to_bytes(4, "big") + header + ciphertext


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEALED_MAGIC)


def sealed_to(data: bytes) -> str | None:
    try:
        n = int.from_bytes(data[len(SEALED_MAGIC):len(SEALED_MAGIC) + 4], "big")
        return json.loads(data[len(SEALED_MAGIC) + 4:len(SEALED_MAGIC) + 4 + n])["to"]
    except Exception:
        return None


def unseal(box_private_b64: str, data: bytes) -> bytes:
    start = len(SEALED_MAGIC)
    try:
        n = int.from_bytes(data[start:start + 4], "big")
        header = data[start + 4:start + 4 + n]
        meta = json.loads(header)
        eph = X25519PublicKey.from_public_bytes(unb64(meta["epk"]))
        shared = X25519PrivateKey.from_private_bytes(unb64(box_private_b64)).exchange(eph)
        key = _derive(shared, b"zsdesk sealed package v1")
        return AESGCM(key).decrypt(unb64(meta["nonce"]), data[start + 4 + n:], SEALED_MAGIC + header)
    except (InvalidTag, ValueError, KeyError, json.JSONDecodeError) as exc:
        raise CryptoError("无法解密：文件不是加密给本站点的，或已损坏") from exc


# --- enrolment ------------------------------------------------------------------------------
# The city's setup file for a county carries a random one-time secret. The county's
# first package proves it holds the secret with an HMAC over its site id and public
# keys; the city, which kept the secret, checks it and enrols those keys. Whoever
# only knows the county's fingerprint (it is read out over the phone) cannot make it.

def new_enrol_secret() -> str:
    return os.urandom(32).hex()


def _enrol_message(site_id: str, sign_key: str, box_key: str) -> bytes:
    return "\n".join(("zsdesk enrolment v1", site_id, sign_key, box_key)).encode()


def enrol_mac(secret_hex: str, site_id: str, sign_key: str, box_key: str) -> str:
    from cryptography.hazmat.primitives import hmac

    h = hmac.HMAC(bytes.fromhex(secret_hex), hashes.SHA256())
    h.update(_enrol_message(site_id, sign_key, box_key))
    return h.finalize().hex()


def enrol_mac_ok(secret_hex: str, site_id: str, sign_key: str, box_key: str, mac_hex: str) -> bool:
    """Constant-time check of a county's enrolment proof."""
    from cryptography.hazmat.primitives import hmac

    try:
        mac = bytes.fromhex(mac_hex)
        h = hmac.HMAC(bytes.fromhex(secret_hex), hashes.SHA256())
        h.update(_enrol_message(site_id, sign_key, box_key))
        h.verify(mac)
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def key_fingerprint(public_key_b64: str) -> str:
    """The fingerprint people compare: always computed from the key itself."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()
    return ":".join(digest[i:i + 4] for i in range(0, 32, 4))
