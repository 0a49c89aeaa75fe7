"""Sort keys shared by pages and templates."""
import unicodedata


def pinyin_key(pinyin: str) -> str:
    """Pinyin without tone marks, lower case: sān nóng → san nong."""
    return "".join(c for c in unicodedata.normalize("NFD", pinyin.lower()) if not unicodedata.combining(c))
