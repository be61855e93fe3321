"""The site's policies: terms of service, privacy policy, content policy and FAQ, versioned, edited on the site,
and the record of which terms each account accepted."""
