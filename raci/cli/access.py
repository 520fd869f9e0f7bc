"""``python -m raci plans share|unshare|access``: a plan's access from the command line, as the local
administrator (who may do everything, like every command here).

    python -m raci plans share ID EMAIL --as editor|viewer     (EMAIL may be a whole domain: @marca.es)
    python -m raci plans unshare ID EMAIL
    python -m raci plans access ID [--format text|json]

Plugged into ``plans`` by :func:`add_commands`; a refusal is one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from raci.cli.common import EXIT_OK, say, say_json
from raci.i18n import translate


def add_commands(action: Callable[..., argparse.ArgumentParser]) -> None:
    share = action("share", "Share a saved plan with an e-mail or a whole domain (@marca.es), as editor or viewer "
                   "(again: change the access).", _share)
    share.add_argument("plan_id", metavar="ID", help="the plan's id (see `plans list`)")
    share.add_argument("who", metavar="EMAIL", help="an e-mail, or a domain written @marca.es")
    share.add_argument("--as", dest="role", choices=["editor", "viewer"], required=True)
    unshare = action("unshare", "Remove an e-mail's or a domain's access to a saved plan.", _unshare)
    unshare.add_argument("plan_id", metavar="ID", help="the plan's id (see `plans list`)")
    unshare.add_argument("who", metavar="EMAIL", help="the e-mail or @domain it was shared with")
    listing = action("access", "Who has access to a saved plan: its owner, grants, meeting links and the "
                     "latest access changes.", _access)
    listing.add_argument("plan_id", metavar="ID", help="the plan's id (see `plans list`)")
    listing.add_argument("--format", choices=["text", "json"], default="text")


def _run(args: argparse.Namespace, lang: str, work: Callable) -> int:
    from raci.cli.plans import with_plan_store
    from raci.storage import LOCAL

    def checked(store) -> int:  # noqa: ANN001
        acting = store.acting(LOCAL)
        acting.open_plan(args.plan_id)  # an unknown id says so, in one line
        return work(acting)

    return with_plan_store(args, lang, args.plan_id, checked)


def _share(args: argparse.Namespace, lang: str) -> int:
    def work(acting) -> int:  # noqa: ANN001
        grant = acting.share(args.plan_id, args.who, args.role)
        say(translate("store.cli_shared", lang, who=grant.principal, role=args.role, plan_id=args.plan_id))
        return EXIT_OK

    return _run(args, lang, work)


def _unshare(args: argparse.Namespace, lang: str) -> int:
    def work(acting) -> int:  # noqa: ANN001
        acting.unshare(args.plan_id, args.who)
        say(translate("store.cli_unshared", lang, who=args.who.strip().lower(), plan_id=args.plan_id))
        return EXIT_OK

    return _run(args, lang, work)


def _access(args: argparse.Namespace, lang: str) -> int:
    def work(acting) -> int:  # noqa: ANN001
        info = acting.access(args.plan_id)
        links = acting.meeting_links(args.plan_id)
        events = acting.access_log(args.plan_id, limit=20)
        if args.format == "json":
            say_json({"owner": info.owner,
                      "grants": [{"who": g.principal, "role": g.role, "by": g.granted_by,
                                  "at": g.granted_at.isoformat()} for g in info.grants],
                      "meeting_links": [{"id": k.id, "created_by": k.created_by, "created_at": k.created_at.isoformat(),
                                         "last_used_at": k.last_used_at.isoformat() if k.last_used_at else None,
                                         "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None}
                                        for k in links],
                      "events": [{"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "who": e.principal,
                                  "role": e.role} for e in events]})
            return EXIT_OK
        say(translate("store.cli_owner", lang, owner=info.owner or translate("store.cli_everyone", lang)))
        for grant in info.grants:
            say(f"  {grant.principal}  {grant.role}  ({grant.granted_by}, {grant.granted_at:%Y-%m-%d %H:%M})")
        if not info.grants:
            say(translate("store.cli_not_shared", lang))
        for link in links:
            state = f"revoked {link.revoked_at:%Y-%m-%d}" if link.revoked_at else (
                f"last used {link.last_used_at:%Y-%m-%d %H:%M}" if link.last_used_at else "never used")
            say(translate("store.cli_link", lang, id=link.id, by=link.created_by, state=state))
        return EXIT_OK

    return _run(args, lang, work)
