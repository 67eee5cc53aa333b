"""The review page: static HTML/JS/CSS and the field list it draws over page images."""
