"""The transfer app's pages: the upload (``imports``), import jobs (``jobs``) and downloads (``downloads``)."""
