"""Building blocks for every part: data, validation, errors, scenarios, charts, ui."""
