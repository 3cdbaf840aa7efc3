"""Developer tools, not shipped to students: data build, notebook runner, site, benchmark."""
