from scriptorium.dataexport.models.export import DataExport

__all__ = ["DataExport"]
