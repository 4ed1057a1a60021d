"""What the coach shows first when a diary entry says someone was hurt.

Written once and shown by every face (the app before anything else, the command line
printed before its confirmation): care for injuries first, keeping a record, that calling
the police is protection, and the region's crisis guidance. A Jinja template rendered in the
sandbox with ``crisis`` and ``case``, like every safety text.
"""

from __future__ import annotations

HURT_GUIDANCE = """\
## Someone was hurt

If anyone needs medical care, get it now. If an injury is serious, call \
{{ crisis.emergency }}.

While it is fresh, note what happened and any injury; a photo of an injury helps too. This \
entry is part of that record.

Calling the police when someone is being hurt is protection, for everyone, including your \
young person. It is not a betrayal.

{% include "safety_guidance" %}
"""
