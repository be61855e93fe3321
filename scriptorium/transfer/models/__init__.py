from scriptorium.transfer.models.download import Download
from scriptorium.transfer.models.imported import ImportedFile
from scriptorium.transfer.models.job import ImportJob, ImportJobFile

__all__ = ["Download", "ImportJob", "ImportJobFile", "ImportedFile"]
