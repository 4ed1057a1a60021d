"""The command line. Only typer is imported up front: every command loads what it needs, so
`coach --version` stays quick and no command but the TUI ever imports textual."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from coach import __version__

if TYPE_CHECKING:
    from coach.conversation import Conversation
    from coach.spec.flow import Flow
    from coach.workspace import Workspace

app = typer.Typer(
    name="coach",
    help="NVR Coach: plan calm, non-violent responses, one small step at a time.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    typer.echo(f"coach: {message}", err=True)
    return typer.Exit(code)


def friendly(command: F) -> F:
    """Turn a user's mistake (a CoachError) into one line on stderr and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from coach.errors import CoachError

        try:
            return command(*args, **kwargs)
        except CoachError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("stopped; everything answered so far is saved", 130) from None

    return wrapper  # type: ignore[return-value]


def workspace(ctx: typer.Context) -> Workspace:
    return ctx.ensure_object(dict)["workspace"]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit()


def _today() -> Any:
    from datetime import date

    return date.today()


PASSPHRASE_ENV = "COACH_PASSPHRASE"  # noqa: S105 (the name of a variable, not a secret)


def _passphrase_from_env_or_terminal() -> str | None:
    """COACH_PASSPHRASE for scripts; otherwise ask, but only when someone is at a terminal."""
    import os

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Passphrase: ")
    return None


def _new_passphrase() -> str:
    import os

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise fail(f"type the new passphrase in a terminal, or set {PASSPHRASE_ENV}")
    import getpass

    first = getpass.getpass("New passphrase (8 characters or more): ")
    if getpass.getpass("The same again: ") != first:
        raise fail("the two passphrases differ; nothing was changed")
    return first


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            metavar="DIR", help="Data folder (default: COACH_HOME or your user data folder)."
        ),
    ] = None,
    flows: Annotated[
        str | None,
        typer.Option(
            metavar="DIR",
            help="A folder of your own flows (holding flows/ and state_machines/).",
        ),
    ] = None,
    practitioner: Annotated[
        bool, typer.Option("--practitioner", help="Start the app in practitioner mode.")
    ] = False,
    case: Annotated[
        str | None, typer.Option(help="Limit the app to one case (name or id).")
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Start the app, or run one of the commands below."""
    from coach.workspace import Workspace

    ctx.ensure_object(dict)["workspace"] = Workspace(
        home_option=home, flows_option=flows, passphrase=_passphrase_from_env_or_terminal
    )
    ctx.obj["practitioner"] = practitioner
    ctx.obj["case"] = case
    ctx.call_on_close(ctx.obj["workspace"].close)
    if ctx.invoked_subcommand is None:
        friendly(_open_app)(ctx)


def _passphrase_from_env() -> str | None:
    """The app's source: COACH_PASSPHRASE only; without it the app asks on its own screen."""
    import os

    return os.environ.get(PASSPHRASE_ENV) or None


def _app_workspace(ctx: typer.Context) -> Workspace:
    """The workspace for the app: a locked store is opened waiting for its passphrase, which
    the app asks for on its unlock screen (never in the terminal before it draws)."""
    ws = workspace(ctx)
    if ws._store is None:
        ws.passphrase = _passphrase_from_env
        ws.wait_for_passphrase = True
    return ws


def _app_options(
    ws: Workspace,
    case_option: str | None,
    *,
    start: tuple[str, str | None] | None = None,
    resume: int | None = None,
    resume_latest: bool = False,
) -> dict[str, Any]:
    """What the app opens on (the case it is limited to, a flow to start, a session to
    resume), checked against the store; a problem is a CoachError with one line. Runs before
    the app draws, or, for a locked store, as soon as the app has been unlocked."""
    from coach.errors import CoachError

    if resume_latest:
        limit = _case_for(ws, case_option, create=False)
        resume = ws.store.latest_session(case_id=limit.id if limit else None)
        if resume is None:
            raise CoachError(
                "nothing to resume: no unfinished session ('coach sessions' lists all)"
            )
    if resume is not None:
        record = ws.store.session(resume)
        if record.status == "finished":
            raise CoachError(f"session {resume} has finished; 'coach plans' lists its plan")
        if record.status == "abandoned":
            raise CoachError(f"session {resume} was set aside; start the flow again instead")
    started: tuple[str, int | None] | None = None
    if start is not None:
        chosen = _case_for(ws, start[1], create=True)
        started = (start[0], chosen.id if chosen else None)
    limit = _case_for(ws, case_option, create=True)
    if limit is not None and started is not None:
        if started[1] not in (None, limit.id):
            raise CoachError(f"this app is limited to the case '{limit.name}'")
        started = (started[0], limit.id)
    if limit is not None and resume is not None and ws.store.session(resume).case_id != limit.id:
        raise CoachError(f"session {resume} belongs to another case")
    return {"case_limit": limit, "start": started, "resume": resume}


def _open_app(
    ctx: typer.Context,
    *,
    start: tuple[str, str | None] | None = None,
    resume: int | None = None,
    resume_latest: bool = False,
) -> None:
    """Run the Textual app; the only place the command line imports textual."""
    from coach.errors import CoachError

    ws = _app_workspace(ctx)
    store = ws.store  # open it now: a damaged one is one clear line, not a traceback
    prepare = functools.partial(
        _app_options,
        ws,
        ctx.obj.get("case"),
        start=start,
        resume=resume,
        resume_latest=resume_latest,
    )
    options = {} if store.needs_passphrase else prepare()
    from coach.tui.app import CoachApp

    coach_app = CoachApp(
        ws,
        practitioner=bool(ctx.obj.get("practitioner")),
        prepare=prepare if store.needs_passphrase else None,
        **options,
    )
    result = coach_app.run()
    if coach_app.failure:
        raise CoachError(coach_app.failure)
    if isinstance(result, int) and result:
        raise typer.Exit(result)


@app.command("start")
@friendly
def start_command(
    ctx: typer.Context,
    flow_id: Annotated[str, typer.Argument(metavar="FLOW")],
    case: Annotated[
        str | None, typer.Option(help="Case name or id; a new name creates the case.")
    ] = None,
) -> None:
    """Open the app straight on a new session of FLOW."""
    flow = workspace(ctx).catalogue.get(flow_id)
    _open_app(ctx, start=(flow.id, case))


@app.command("resume")
@friendly
def resume_command(
    ctx: typer.Context,
    session_id: Annotated[
        int | None,
        typer.Argument(metavar="[SESSION_ID]", help="Default: the most recent unfinished one."),
    ] = None,
) -> None:
    """Open the app on an unfinished session, where it stopped."""
    _open_app(ctx, resume=session_id, resume_latest=session_id is None)


@app.command("settings")
@friendly
def settings_command(
    ctx: typer.Context,
    region: Annotated[
        str | None,
        typer.Option(help="Your region's code, for the crisis lines the coach shows (e.g. GB)."),
    ] = None,
    list_regions: Annotated[
        bool, typer.Option("--list-regions", help="List the regions and their codes.")
    ] = False,
    idle_lock: Annotated[
        int | None,
        typer.Option(
            "--idle-lock",
            metavar="MINUTES",
            help="With a passphrase set: lock the app after this many idle minutes (0: never).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Show or change settings (the region for crisis lines, the app's idle lock)."""
    from coach.errors import CoachError
    from coach.safety import DEFAULT_REGION, REGION_SETTING, REGIONS
    from coach.store import IDLE_LOCK_SETTING

    store = workspace(ctx).store
    if list_regions:
        if as_json:
            print_json(
                [
                    {"code": r.code, "name": r.name, "emergency": r.emergency}
                    for r in REGIONS.values()
                ]
            )
            return
        for found in REGIONS.values():
            typer.echo(f"{found.code:<6} {found.name:<22} emergency: {found.emergency}")
        return
    if region is not None:
        code = region.strip().upper()
        if code not in REGIONS:
            raise CoachError(
                f"unknown region '{region}'; use one of: {', '.join(REGIONS)} "
                "('coach settings --list-regions' names them)"
            )
        store.set_setting(REGION_SETTING, code)
    if idle_lock is not None:
        if not 0 <= idle_lock <= 24 * 60:
            raise CoachError("--idle-lock takes minutes from 0 (never) to 1440 (a day)")
        store.set_setting(IDLE_LOCK_SETTING, str(idle_lock))
    current = store.setting(REGION_SETTING)
    chosen = REGIONS.get(current or "", REGIONS[DEFAULT_REGION])
    minutes = store.idle_lock_minutes()
    if as_json:
        print_json(
            {
                "region": current,
                "region_name": chosen.name,
                "emergency": chosen.emergency,
                "idle_lock_minutes": int(minutes) if minutes.is_integer() else minutes,
                "passphrase_set": store.is_locked,
            }
        )
        return
    note = "" if current else " (not chosen yet: the generic list is shown)"
    typer.echo(f"region: {chosen.code} {chosen.name}, emergency {chosen.emergency}{note}")
    shown = f"{minutes:g} minute{'' if minutes == 1 else 's'}"
    if not minutes:
        idle = "never"
    elif store.is_locked:
        idle = f"after {shown} without a key or a click"
    else:
        idle = f"after {shown} (only once a passphrase is set with 'coach lock')"
    typer.echo(f"idle lock: {idle}")


@app.command("flows")
@friendly
def flows_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List the flows you can walk through."""
    summary = workspace(ctx).flow_summary
    for file, line, message in summary["problems"]:
        typer.echo(f"coach: skipped: {file}:{line}: {message}", err=True)
    listing = summary["listing"]
    if as_json:
        print_json(listing)
        return
    if not listing:
        typer.echo("No flows found.")
    width = max((len(flow["id"]) for flow in listing), default=0) + 2
    for flow in listing:
        typer.echo(f"{flow['id']:<{width}}{flow['title']} (about {flow['minutes']} min)")
        typer.echo(f"{'':<{width}}{flow['summary']}")


@app.command("validate")
@friendly
def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Flow files, machine files, or folders (default: all flows)."),
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Check everything again, even unchanged files.")
    ] = False,
) -> None:
    """Check flow files and print every problem as FILE:LINE: message.

    Without paths, unchanged flows are not checked twice: the result is kept in a cache keyed
    by each file's size and modification time and the coach's own version; --fresh ignores it.
    """
    from coach.spec.problems import Problem

    ws = workspace(ctx)
    problems: list[Problem] = []
    checked = 0
    if not paths and not fresh:
        summary = ws.flow_summary
        problems = [Problem(*item) for item in summary["problems"]]
        checked = summary["checked"]
    else:
        from coach.spec.loader import check_machine_file, load_flow, load_folders
        from coach.spec.problems import FlowInvalid

        if not paths:
            catalogue = load_folders(ws.flow_folders)
            problems, checked = catalogue.problems, catalogue.checked
        for path in paths or []:
            if path.is_dir():
                if not (path / "flows").is_dir():
                    raise fail(f"{path}: expected a folder holding flows/ and state_machines/")
                found = load_folders([path], first_is_shipped=False)
                problems += found.problems
                checked += found.checked
            elif not path.exists():
                raise fail(f"{path}: no such file or folder")
            elif path.parent.name == "state_machines":
                problems += check_machine_file(path)
            else:
                checked += 1
                try:
                    load_flow(path)
                except FlowInvalid as exc:
                    problems += exc.problems
    if problems:
        for problem in sorted(set(problems)):
            typer.echo(str(problem))
        raise typer.Exit(1)
    typer.echo(f"{checked} flow{'s' if checked != 1 else ''} OK")


@app.command("diagram")
@friendly
def diagram_command(
    ctx: typer.Context, flow_id: Annotated[str, typer.Argument(metavar="FLOW")]
) -> None:
    """Print a flow as a Mermaid state diagram."""
    from coach.diagram import mermaid

    typer.echo(mermaid(workspace(ctx).catalogue.get(flow_id)))


def _case_for(ws: Workspace, name_or_id: str | None, *, create: bool) -> Any:
    from coach.errors import NotFoundError

    if name_or_id is None:
        return None
    found = ws.store.find_case(name_or_id)
    if found is not None:
        return found
    if name_or_id.strip().isdigit() or not create:
        raise NotFoundError(f"no case '{name_or_id}'; 'coach cases' lists them")
    return ws.store.create_case(name_or_id)


@app.command("run")
@friendly
def run_command(
    ctx: typer.Context,
    flow_id: Annotated[str, typer.Argument(metavar="FLOW")],
    answers: Annotated[Path, typer.Option("--answers", help="YAML file: field id -> answer.")],
    case: Annotated[
        str | None, typer.Option(help="Case name or id; a new name creates the case.")
    ] = None,
    resume: Annotated[
        int | None, typer.Option(help="Carry on an unfinished session of this flow.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    progress: Annotated[
        bool, typer.Option("--progress", help="Print 'saved FIELD' on stderr as each is saved.")
    ] = False,
) -> None:
    """Walk a flow without the app, taking answers from a file; saves as it goes."""
    from coach.answer_file import read_answer_file
    from coach.conversation import Conversation
    from coach.errors import CoachError

    ws = workspace(ctx)
    flow = ws.catalogue.get(flow_id)
    given = read_answer_file(answers, flow)
    if resume is not None:
        conversation = Conversation.resume(ws.store, ws.catalogue, resume, _today())
        if conversation.flow.id != flow.id:
            raise CoachError(
                f"session {resume} is a '{conversation.flow.id}' session, not '{flow.id}'"
            )
        if conversation.is_finished:
            raise CoachError(f"session {resume} has already finished")
    else:
        conversation = Conversation.start(
            ws.store, flow, case=_case_for(ws, case, create=True), today=_today()
        )
    advice: list[dict[str, str]] = []
    try:
        error = _walk(conversation, given, progress, advice)
    finally:
        conversation.close()
    if error is not None:
        state, field_id, message = error
        if as_json:
            print_json(
                {
                    "session_id": conversation.session_id,
                    "error": {"state": state, "field": field_id, "message": message},
                    "advice": advice,
                }
            )
            raise typer.Exit(1)
        raise fail(
            f"step '{state}', field '{field_id}': {message} (session {conversation.session_id} "
            f"is saved; mend the answers file and add --resume {conversation.session_id})"
        )
    _report_run(ctx, conversation, flow, given, as_json, advice)


def _walk(
    conversation: Conversation,
    given: dict[str, Any],
    progress: bool,
    advice: list[dict[str, str]],
) -> tuple[str, str, str] | None:
    """Answer and advance until a final step; the first problem stops the walk.

    Advice on an answer (a warn or a shared advice rule) is printed on stderr and kept in
    ``advice``; the answer is then given again, as a person submitting twice would.
    """
    from coach.errors import CoachError

    session = conversation.session
    while not session.is_finished:
        for spec in session.fields:
            value = given[spec.id] if spec.id in given else session.prefill(spec)
            if value is None:
                continue
            verdict = conversation.answer(spec.id, value)
            if verdict.is_warning:
                typer.echo(f"coach: note on '{spec.id}': {verdict.message}", err=True)
                advice.append({"field": spec.id, "message": verdict.message or ""})
                verdict = conversation.answer(spec.id, value)
            if not verdict.accepted:
                return session.state, spec.id, verdict.message or "not accepted"
            if progress:
                typer.echo(f"saved {spec.id}", err=True)
        missing = session.missing()
        if missing:
            return session.state, missing[0].id, f"needs an answer ({missing[0].label})"
        try:
            conversation.advance()
        except CoachError as exc:
            return session.state, "", str(exc)
    return None


def _report_run(
    ctx: typer.Context,
    conversation: Conversation,
    flow: Flow,
    given: dict[str, Any],
    as_json: bool,
    advice: list[dict[str, str]],
) -> None:
    from coach.messages import say
    from coach.safety import REGION_SETTING

    session = conversation.session
    on_path = {spec.id for spec in flow.fields_of(session.path)}
    unused = sorted(k for k in given if k not in on_path)
    if as_json:
        print_json(
            {
                "session_id": conversation.session_id,
                "plan_id": conversation.plan_id,
                "outcome": session.state,
                "kind": str(session.kind),
                "path": session.path,
                "unused": unused,
                "advice": advice,
            }
        )
        return
    if conversation.plan_id is None:
        region = workspace(ctx).store.setting(REGION_SETTING)
        typer.echo(say(session, region))
        return
    plan = workspace(ctx).store.plan(conversation.plan_id)
    typer.echo(f"Plan {plan.id} saved: {plan.title}")
    typer.echo(f"Read it with 'coach show {plan.id}'.")


@app.command("plans")
@friendly
def plans_command(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option(help="Only this case's plans (name or id).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List saved plans, newest first."""
    ws = workspace(ctx)
    chosen = _case_for(ws, case, create=False)
    plans = ws.store.plans(case_id=chosen.id if chosen else None)
    if as_json:
        print_json(plans)
        return
    if not plans:
        typer.echo("No plans yet. Finish a flow to make one.")
    for plan in plans:
        who = f" ({plan['case']})" if plan["case"] else ""
        typer.echo(f"{plan['id']:>5}  {plan['created'][:10]}  {plan['title']}{who}")


@app.command("show")
@friendly
def show_command(
    ctx: typer.Context, plan_id: Annotated[int, typer.Argument(metavar="PLAN_ID")]
) -> None:
    """Print a plan as Markdown."""
    from coach.fields import clean_text

    typer.echo(clean_text(workspace(ctx).store.plan(plan_id).body), nl=False)


@app.command("export")
@friendly
def export_command(
    ctx: typer.Context,
    plan_id: Annotated[
        int | None, typer.Argument(metavar="PLAN_ID", help="The plan to export (or use --case).")
    ] = None,
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            help="md, html, pdf, json or ics for one plan; zip or html with --case.",
        ),
    ] = "md",
    case: Annotated[
        str | None,
        typer.Option(help="Export every plan of this case (name or id) as a zip or html."),
    ] = None,
    practitioner: Annotated[
        bool,
        typer.Option(
            "--practitioner", help="With --case: add the session notes (not for the family)."
        ),
    ] = False,
    out: Annotated[
        str | None,
        typer.Option(
            help="File or folder to write to; a folder gets a safe name like "
            "de-escalation-plan-2026-11-27.pdf. Without it, text is printed, and pdf or zip "
            "is written to standard output only when that is not a terminal.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Export a plan (or all of a case's plans) to a file, or print it."""
    from coach.errors import CoachError

    if (plan_id is None) == (case is None):
        raise CoachError("give either a PLAN_ID or --case NAME (to export all of a case's plans)")
    ws = workspace(ctx)
    if case is not None:
        data, warnings, name, binary = _case_bundle(ws, case, format_name, practitioner)
    else:
        from coach.export.files import default_name
        from coach.export.registry import exporter

        if practitioner:
            raise CoachError("--practitioner adds session notes to a case bundle; add --case")
        chosen = exporter(format_name)
        plan = ws.store.plan(plan_id)  # type: ignore[arg-type]
        rendered = chosen.export(plan, ws.catalogue)
        data, warnings, binary = rendered.data, rendered.warnings, chosen.binary
        name = default_name(plan.flow_id, plan.created, chosen.extension)
    for warning in warnings:
        typer.echo(f"coach: note: {warning}", err=True)
    if out is None:
        if binary and _stdout_is_terminal():
            raise CoachError(
                f"a {format_name} file cannot be shown in the terminal; add --out FILE or "
                f"--out FOLDER (e.g. --out ~/Documents/ for {name})"
            )
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from coach.export.files import target_path, write_private

    written = write_private(target_path(out, name), data, force=force)
    typer.echo(f"Wrote {written}")


@app.command("follow-up")
@friendly
def follow_up_command(
    ctx: typer.Context,
    plan_id: Annotated[int, typer.Argument(metavar="PLAN_ID")],
    answers: Annotated[Path, typer.Option("--answers", help="YAML file: question id -> answer.")],
) -> None:
    """Record how an announcement, sit-in or gesture went; it is added to the plan."""
    from coach.follow_up import needs_safety_guidance, record_follow_up
    from coach.yamlio import read_yaml

    ws = workspace(ctx)
    plan = ws.store.plan(plan_id)
    flow = ws.catalogue.get(plan.flow_id)
    doc = read_yaml(answers)
    if not isinstance(doc.data, dict):
        raise fail(f"{answers}:1: expected a mapping of question ids to answers")
    revision = record_follow_up(ws.store, flow, plan_id, doc.data, _today())
    typer.echo(f"Added to plan {plan_id} (revision {revision}).")
    if needs_safety_guidance(ws.store.follow_ups(plan_id)[-1][0]):
        from coach.guidance import GUIDANCE
        from coach.safety import REGION_SETTING, crisis_context
        from coach.templating import render

        case = ws.store.case(plan.case_id).profile if plan.case_id is not None else {}
        context = {"crisis": crisis_context(ws.store.setting(REGION_SETTING)), "case": case}
        typer.echo(render(GUIDANCE, context, markdown=False))


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _case_bundle(
    ws: Workspace, case: str, format_name: str, practitioner: bool
) -> tuple[bytes, list[str], str, bool]:
    from coach.errors import CoachError
    from coach.export.bundle import bundle_html, bundle_name, bundle_zip, gather

    kind = format_name.lower()
    if kind not in ("zip", "html"):
        raise CoachError(f"a case exports as zip or html, not '{format_name}'")
    bundle = gather(
        ws.store, _case_for(ws, case, create=False), practitioner=practitioner, today=_today()
    )
    if practitioner and not bundle.with_notes:
        typer.echo("coach: note: these sessions have no practitioner notes to add", err=True)
    if kind == "html":
        return bundle_html(bundle), [], bundle_name(bundle, "html"), False
    data, warnings = bundle_zip(bundle, ws.catalogue)
    return data, warnings, bundle_name(bundle, "zip"), True


@app.command("import")
@friendly
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A plan exported as JSON.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Add a plan exported as JSON (by this or another coach); existing data is untouched."""
    from coach.export.importing import import_plan_file
    from coach.fields import clean_text
    from coach.paths import user_path

    ws = workspace(ctx)
    result = import_plan_file(user_path(file, what="file"), ws.store, ws.catalogue)
    plan = ws.store.plan(result.plan_id)
    if as_json:
        print_json(
            {
                "plan_id": result.plan_id,
                "case_id": plan.case_id,
                "duplicate": result.duplicate,
                "new_case": result.new_case,
            }
        )
        return
    if result.duplicate:
        typer.echo(f"Plan {plan.id} is already this plan; nothing was added.")
        return
    where = f" (case {plan.case_id}{', new' if result.new_case else ''})" if plan.case_id else ""
    typer.echo(f"Imported plan {plan.id}: {clean_text(plan.title)}{where}")


@app.command("cases")
@friendly
def cases_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List cases (young people you plan for)."""
    cases = workspace(ctx).store.cases()
    if as_json:
        print_json([{"id": c.id, "name": c.name, "created": c.created} for c in cases])
        return
    if not cases:
        typer.echo("No cases yet. 'coach run FLOW --answers FILE --case NAME' creates one.")
    for found in cases:
        typer.echo(f"{found.id:>5}  {found.name}")


@app.command("sessions")
@friendly
def sessions_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List sessions, newest first, with where each stopped."""
    sessions = workspace(ctx).store.sessions()
    if as_json:
        print_json(sessions)
        return
    if not sessions:
        typer.echo("No sessions yet.")
    for row in sessions:
        typer.echo(
            f"{row['id']:>5}  {row['updated'][:16]}  {row['flow_id']:<20} {row['status']:<9} "
            f"at {row['state']}"
        )


@app.command("backup")
@friendly
def backup_command(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option(help="Where to write it (default: backups/).")] = None,
) -> None:
    """Make a backup of your data now (one is also made automatically each day)."""
    from coach.maintenance import make_backup

    typer.echo(f"Backup written to {make_backup(workspace(ctx).store, out)}")


@app.command("restore")
@friendly
def restore_command(
    ctx: typer.Context, backup: Annotated[Path, typer.Argument(metavar="BACKUP")]
) -> None:
    """Put a backup back in place; the current file is kept aside, never deleted."""
    from coach.maintenance import restore

    aside = restore(workspace(ctx).home, backup)
    typer.echo(f"Restored {backup}. The previous file was kept as {aside}.")


@app.command("doctor")
@friendly
def doctor_command(ctx: typer.Context) -> None:
    """Check the data folder, the store, the backups and the flows."""
    from coach.maintenance import doctor

    ws = workspace(ctx)
    findings = doctor(ws.home)
    for finding in findings:
        typer.echo(f"{'ok     ' if finding.ok else 'PROBLEM'}  {finding.text}")
    problems = ws.catalogue.problems
    for problem in problems:
        typer.echo(f"PROBLEM  flow skipped: {problem}")
    if not problems:
        count = len(ws.catalogue.flows)
        typer.echo(f"ok       {count} flow{'s load' if count != 1 else ' loads'}")
    if problems or not all(f.ok for f in findings):
        raise typer.Exit(1)


@app.command("erase")
@friendly
def erase_command(
    ctx: typer.Context,
    case: Annotated[str | None, typer.Option(help="Erase one case (name or id).")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Erase all data and backups.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase data for good: one case, or everything, including backups."""
    from coach.maintenance import erase_all, erase_case

    ws = workspace(ctx)
    if (case is None) == (not everything):
        raise fail("say what to erase: --case NAME or --all")
    reminder = "Files you exported earlier are yours to delete; the coach does not track them."
    if everything:
        if not yes and not typer.confirm(
            f"Erase ALL data in {ws.home}, including backups? This cannot be undone", default=False
        ):
            raise fail("nothing was erased")
        ws.close()
        removed = erase_all(ws.home)
        typer.echo(f"Erased {len(removed)} file{'s' if len(removed) != 1 else ''}. {reminder}")
        return
    found = _case_for(ws, case, create=False)
    if not yes and not typer.confirm(
        f"Erase '{found.name}' and all their sessions and plans? This cannot be undone",
        default=False,
    ):
        raise fail("nothing was erased")
    cleaned = erase_case(ws.store, found.id, found.name)
    plural = "s" if cleaned != 1 else ""
    typer.echo(f"Erased '{found.name}' (and from {cleaned} backup{plural}). {reminder}")


@app.command("lock")
@friendly
def lock_command(ctx: typer.Context) -> None:
    """Protect your data with a passphrase (encrypted on disk). Forget it and the data is gone."""
    from coach.maintenance import backups, make_backup

    ws = workspace(ctx)
    store = ws.store
    typer.echo(
        "With a passphrase, your answers, notes and plans are encrypted on this computer.\n"
        "If you forget it, nobody can get them back: not you, not us. Write it somewhere safe."
    )
    store.lock(_new_passphrase())
    old = backups(ws.home)
    make_backup(store)
    for plain in old:
        plain.unlink()
    typer.echo("Locked. Earlier backups were replaced by an encrypted one.")


@app.command("unlock")
@friendly
def unlock_command(ctx: typer.Context) -> None:
    """Remove the passphrase; data stays private to your account (0600) but unencrypted."""
    workspace(ctx).store.unlock()
    typer.echo("Unlocked. Your data is no longer encrypted (it is still readable only by you).")


def usage_problem(exc: Any) -> str:
    """One line for a command line that cannot be run as typed: what is wrong, and where the
    help for that command is (click would print a usage block of three lines)."""
    where = exc.ctx.command_path if exc.ctx is not None else "coach"
    message = exc.format_message().strip().rstrip(".")
    message = message[:1].lower() + message[1:]
    if ". Did you mean" in message:
        message = message.replace(". Did you mean", " (did you mean", 1) + ")"
    return f"{where}: {message}; '{where} --help' shows how to use it"


def main() -> None:
    """The console script: run the app or a command, exiting with its code."""
    import click

    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="coach", standalone_mode=False)
    except click.UsageError as exc:
        typer.echo(usage_problem(exc), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        typer.echo(f"coach: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        typer.echo("coach: stopped; nothing more was done", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
