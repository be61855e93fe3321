from scriptorium.kosync.models.document import DocumentFile, DocumentName
from scriptorium.kosync.models.key import SyncKey
from scriptorium.kosync.models.progress import DeviceProgress

__all__ = ["DeviceProgress", "DocumentFile", "DocumentName", "SyncKey"]
