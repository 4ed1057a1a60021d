"""What the coach says about danger, written once and included wherever it is needed.

Every safety stop, the help-now screen (F2), the priorities flow's concerns and the plans
that follow someone being hurt use these texts through ``{% include "NAME" %}``, so one rule
(self-harm, exploitation, a missing young person, a weapon, violence to a parent) reads the
same everywhere. They are Jinja templates rendered in the sandbox with ``crisis`` (the
region's numbers, from ``coach.safety``) and ``case``.
"""

from __future__ import annotations

LINE = "- **{{ line.name }}**: {{ line.number }}, {{ line.note }}\n"

ADULT_LINES = (
    "{% for line in crisis.adult_lines %}\n" + LINE + "{% endfor %}\n"
    "{% if not crisis.adult_lines %}\n- Your GP or family doctor\n{% endif %}\n"
)

ABUSE_LINES = "{% for line in crisis.abuse_lines %}\n" + LINE + "{% endfor %}\n"

CHILD_LINES = "{% for line in crisis.child_lines %}\n" + LINE + "{% endfor %}\n"

SELF_HARM_STEPS = """\
An injury that needs treatment, any overdose (even if they seem well) or a plan to end their \
life: call {{ crisis.emergency }} or go to the emergency department (A&E) now. Otherwise, \
contact your GP or their mental-health service soon. Put medicines and blades away, calmly, \
and stay close.
"""

MISSING_STEPS = """\
Call the police on {{ crisis.emergency }} as soon as you are worried for their safety; \
there is no waiting period. Foster carers follow the missing-from-care procedure and tell \
the supervising social worker.
"""

EXPLOITATION_STEPS = """\
Tell the police ({{ crisis.emergency }} if they are in danger now) and \
{{ crisis.children_services }}. Do not contact or confront the people you suspect. Write \
down what you notice, with dates, and give it to the police. It is not your young person's \
fault.
"""

WEAPON_STEPS = """\
A weapon, used or waved at someone, needs a safety plan and the police first. Ask the \
police, your GP or a social worker to help you make that plan.
"""

CHILDREN_SERVICES_STEPS = """\
Please tell {{ crisis.children_services }}; they are there to keep young people safe and to \
support families. If your young person is hurt, get them medical care.
"""

VIOLENCE_SAFETY_PLAN = """\
- **A safe room** you can go to, with a phone, and a door you can leave by.
- **Sharp objects and anything that could be used as a weapon** put away.
- **Where you would go** if you had to leave, and how you would get there.
- **Whom you would call**: {{ crisis.emergency }} in danger, and one person you trust.
- **Keep a record**: dates, what happened, photos of injuries, and visits to a doctor.

Calling the police when someone is being hurt is protection, for everyone, including your \
young person. It is not a betrayal.
"""

OWN_CRISIS_STEPS = """\
If you might act on thoughts of harming yourself, call {{ crisis.emergency }} now, or go to \
the emergency department. Otherwise, please talk to someone today:

{% include "adult_lines" %}

Your GP can help too, and so can someone you trust. Telling one person is a good first step.
"""

# For a parent finding it very hard to cope, without thoughts of harming themselves: support,
# not a stop. Shown by the quick flows' note and after a follow-up that says so.
COPING_STEPS = """\
Finding it very hard to cope is not a failing. It shows how much you are carrying, and you \
do not have to carry it alone. If you would like to talk to someone, these lines are for adults:

{% include "adult_lines" %}

If you ever feel you cannot keep yourself safe, call {{ crisis.emergency }} straight away.

One small thing for yourself, today or tonight: a glass of water, a few slow breaths, or a \
message to someone who cares about you.
"""

DANGER_LINE = """\
**If anyone is in danger right now, call {{ crisis.emergency }}.** Keep yourself and others \
safe first; you do not need to handle this alone or calmly.
"""

# The lines and the case's own contacts, without the rules above them: a stop that has just
# given its own reason ends with these, so the reason is not said twice. A stop that has
# already shown the domestic-abuse lines beside its reason sets ``abuse_lines_shown``; a page
# that has led with the lines for adults sets ``adult_lines_shown``.
HELP_LINES = """\
{% if not adult_lines_shown %}
**For you, if you are struggling**

{% include "adult_lines" %}
{% endif %}
{% if not abuse_lines_shown %}

**Domestic abuse**

{% include "abuse_lines" %}
{% endif %}
{% if crisis.child_lines %}

**About a child**

{% include "child_lines" %}
{% endif %}
{% if case.contacts %}

Your own professional contacts:
{% for contact in case.contacts %}
- **{{ contact.name }}**{% if contact.role %} ({{ contact.role }}){% endif %}\
{% if contact.phone %}: {{ contact.phone }}{% endif %}

{% endfor %}
{% endif %}
"""

GUIDANCE = """\
{% include "danger_line" %}

- **A missing young person.** {% include "missing_steps" %}
- **Self-harm or talk of suicide.** {% include "self_harm_steps" %}

{% include "help_lines" %}
"""

# A safety stop whose own words failed (a practitioner's flow with a fault): which danger it
# was about is not known, so every kind of danger gets its first steps.
GUIDANCE_AT_ANY_STOP = """\
{% include "danger_line" %}

- **A missing young person.** {% include "missing_steps" %}
- **Self-harm or talk of suicide.** {% include "self_harm_steps" %}
- **An adult hurting a young person.** {% include "children_services_steps" %}
- **Exploitation or grooming.** {% include "exploitation_steps" %}
- **A weapon.** {% include "weapon_steps" %}

{% include "help_lines" %}
"""

# Help now (F2) right after the parent said they are struggling: what was said to them there
# (``lead``: "own_crisis_steps" at the own-crisis stop, "coping_steps" at the coping note),
# with the lines for adults, first; then the rest.
GUIDANCE_FOR_YOU_FIRST = """\
**For you, first.** {% include lead %}
{% set adult_lines_shown = true %}

**If anyone else is in danger**

{% include "danger_line" %}

- **A missing young person.** {% include "missing_steps" %}
- **Self-harm or talk of suicide.** {% include "self_harm_steps" %}

{% include "help_lines" %}
"""

# Shown first when a diary entry says someone was hurt (the app before anything else, the
# command line before its confirmation).
SOMEONE_HURT = """\
## Someone was hurt

If anyone needs medical care, get it now. If an injury is serious, call \
{{ crisis.emergency }}. This entry is part of your record of what happened.

A short safety plan, in case it happens again:

{% include "violence_safety_plan" %}

{% include "danger_line" %}

{% include "help_lines" %}
"""

TEMPLATES: dict[str, str] = {
    "safety_guidance": GUIDANCE,
    "safety_guidance_for_you_first": GUIDANCE_FOR_YOU_FIRST,
    "safety_guidance_at_any_stop": GUIDANCE_AT_ANY_STOP,
    "danger_line": DANGER_LINE,
    "help_lines": HELP_LINES,
    "adult_lines": ADULT_LINES,
    "abuse_lines": ABUSE_LINES,
    "child_lines": CHILD_LINES,
    "self_harm_steps": SELF_HARM_STEPS,
    "missing_steps": MISSING_STEPS,
    "exploitation_steps": EXPLOITATION_STEPS,
    "weapon_steps": WEAPON_STEPS,
    "children_services_steps": CHILDREN_SERVICES_STEPS,
    "violence_safety_plan": VIOLENCE_SAFETY_PLAN,
    "own_crisis_steps": OWN_CRISIS_STEPS,
    "coping_steps": COPING_STEPS,
}
