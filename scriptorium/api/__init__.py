"""The REST API, v1 (/api/v1/): the archive's works, chapters, tags, series and a reader's own things, through the same
querysets as the pages; personal access tokens; an OpenAPI schema."""
