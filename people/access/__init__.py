"""The rulebook: every rule about who may see or do what, in one place.

Every view, section, service, task, template and (coming) API endpoint asks these functions; none of
them compares roles itself (`tests/people/test_rulebook.py` fails on a role comparison anywhere else).
What a user may not see answers 404, as if it did not exist. Each rule sits on its own line so that
tests can show every branch is exercised, and the authorization matrix (`tests/test_authorization_matrix.py`)
asks every URL as every kind of user, with the works-council switches on and off.

| module | the rules |
| --- | --- |
| `roles` | who is what: `is_agent`, `is_team_lead`, `is_hr_or_admin` (the only module that reads a role) |
| `pages` | which pages one opens: lead-only pages, HR pages, one's own growth pages, team overviews, pages a works-council switch closes; `pages_open_to` for the navigation |
| `agents` | who sees and who coaches whom; "the agent or their lead" (`AgentRights.can_note`); `access_agent` |
| `records` | records about agents, private records (their author's until shared), the author's rule "while active and still leading the agent", drafts announced to their agent, writer-only records; `access_record`, `access_private_record` |
| `mentoring` | who sees a pairing, writes its check-ins, ends it, arranges it |
| `reminders` | who is reminded of what |
| `directory` | who keeps accounts, teams and memberships (HR, the API, SCIM, the identity provider); integrations, tokens and single sign-on; what a token limited to teams reaches |
| `qa` | quality evaluations: who evaluates whom, who sees an evaluation, a calibration, a draw |

Conventions that new apps follow (QA, one-on-ones, the REST API):
- fetch through an `access_*` function, which returns the record with the viewer's rights in one
  query, or raises 404 (like Zulip's `access_stream_by_id`); a page asks once;
- scope every list with a `*_visible_to` queryset; a private record uses `private_records_visible_to`
  or, if it is never shared, `writer_only` (a one-on-one's private notes);
- a new kind of rule goes into a new module here (QA's: evaluations an agent sees once released,
  calibration answers seen by a participant only after their own is submitted, never by agents), built
  on `roles` and `agents`, and exported below;
- a service that changes a person's records takes the acting user and checks it here, so a view, a
  Celery task and an API call cannot differ; a DRF permission calls the same functions
  (`has_permission` → a `pages` rule, `has_object_permission` → the `access_*` answer), and Django
  REST framework turns the 404 into its own.
"""

from .agents import (
    AgentRights,
    Need,
    access_agent,
    agents_coached_by,
    agents_in_figures_of,
    agents_starting_with,
    agents_visible_to,
    can_coach,
    coaches_agent_of,
    get_agent_or_404,
    get_coached_agent_or_404,
    get_team_or_404,
    has_rights,
    leads_team_now,
    led_team_ids,
    may_add_new_hires_to,
    may_prepare_start_of,
    may_see_individual_kpis,
    require_rights,
    rights_over,
    sees_unpublished_announcements,
    smallest_group_shown,
    teams_reached_by_announcements_to,
    teams_visible_to,
    with_coached_flag,
)
from .directory import (
    IDENTITY_PROVIDER,
    agents_visible_within,
    agents_with_kpis_visible_to,
    highest_mapped_role,
    may_import_kpis,
    may_manage_integrations,
    may_manage_people,
    may_map_groups,
    may_sign_in_with_password,
    may_use_personal_tokens,
    people_visible_to,
    people_visible_within,
    role_follows_groups,
    teams_visible_within,
)
from .mentoring import (
    may_arrange_mentoring_for,
    may_record_check_in,
    pairings_endable_by,
    pairings_visible_to,
    possible_mentors,
    takes_part_in,
)
from .pages import (
    Pages,
    home_of,
    may_give_upward_feedback,
    opens_team_overviews,
    pages_open_to,
    require,
    require_hr,
    require_lead_pages,
    require_own_growth_pages,
    require_team_overviews,
    sees_lead_timeliness,
    sees_the_portal_version,
    sees_upward_feedback_by_lead,
    sees_upward_feedback_received,
)
from .qa import (
    CalibrationRights,
    EvaluationRights,
    agents_evaluable_by,
    agents_with_evaluations_visible_to,
    calibration_candidates,
    calibration_rights,
    calibrations_visible_to,
    evaluating_team_ids,
    evaluation_rights,
    evaluations_visible_to,
    may_evaluate,
    may_export_qa,
    may_manage_scorecards,
    may_run_calibrations,
    may_see_qa_reports,
    qa_is_on,
    require_qa,
    sample_draws_visible_to,
)
from .records import (
    RecordRights,
    access_private_record,
    access_record,
    annotate_author_leads_agent,
    author_leads_agent_now,
    drafts_announced_to_their_agent,
    is_own,
    private_records_changeable_by,
    private_records_visible_to,
    records_visible_to,
    writer_only,
)
from .reminders import reminder_recipients
from .roles import (
    agent_q,
    agents,
    evaluators,
    hr_staff,
    is_administrator,
    is_agent,
    is_hr_or_admin,
    is_qa_specialist,
    is_team_lead,
    mappable_roles,
    team_leads,
)

__all__ = [
    "IDENTITY_PROVIDER",
    "agents_visible_within",
    "agents_with_kpis_visible_to",
    "highest_mapped_role",
    "is_administrator",
    "mappable_roles",
    "may_import_kpis",
    "may_manage_integrations",
    "may_manage_people",
    "may_map_groups",
    "may_sign_in_with_password",
    "may_use_personal_tokens",
    "people_visible_to",
    "people_visible_within",
    "role_follows_groups",
    "teams_visible_within",
    "AgentRights",
    "CalibrationRights",
    "EvaluationRights",
    "Need",
    "Pages",
    "RecordRights",
    "access_agent",
    "access_private_record",
    "access_record",
    "agent_q",
    "agents",
    "agents_coached_by",
    "agents_in_figures_of",
    "agents_starting_with",
    "agents_evaluable_by",
    "agents_visible_to",
    "agents_with_evaluations_visible_to",
    "annotate_author_leads_agent",
    "author_leads_agent_now",
    "calibration_candidates",
    "calibration_rights",
    "calibrations_visible_to",
    "can_coach",
    "coaches_agent_of",
    "drafts_announced_to_their_agent",
    "evaluating_team_ids",
    "evaluation_rights",
    "evaluations_visible_to",
    "evaluators",
    "get_agent_or_404",
    "get_coached_agent_or_404",
    "get_team_or_404",
    "has_rights",
    "home_of",
    "hr_staff",
    "is_agent",
    "is_hr_or_admin",
    "is_qa_specialist",
    "is_own",
    "is_team_lead",
    "leads_team_now",
    "led_team_ids",
    "may_add_new_hires_to",
    "may_prepare_start_of",
    "may_arrange_mentoring_for",
    "may_give_upward_feedback",
    "may_evaluate",
    "may_export_qa",
    "may_manage_scorecards",
    "may_record_check_in",
    "may_run_calibrations",
    "may_see_qa_reports",
    "may_see_individual_kpis",
    "opens_team_overviews",
    "pages_open_to",
    "pairings_endable_by",
    "pairings_visible_to",
    "possible_mentors",
    "private_records_changeable_by",
    "private_records_visible_to",
    "qa_is_on",
    "records_visible_to",
    "reminder_recipients",
    "require",
    "require_hr",
    "require_lead_pages",
    "require_own_growth_pages",
    "require_qa",
    "require_rights",
    "require_team_overviews",
    "rights_over",
    "sample_draws_visible_to",
    "sees_lead_timeliness",
    "sees_the_portal_version",
    "sees_unpublished_announcements",
    "sees_upward_feedback_by_lead",
    "sees_upward_feedback_received",
    "smallest_group_shown",
    "takes_part_in",
    "team_leads",
    "teams_reached_by_announcements_to",
    "teams_visible_to",
    "with_coached_flag",
    "writer_only",
]
