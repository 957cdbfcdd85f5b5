"""Operations of the qa app that change state; each takes the acting user and checks it through the
policy (people.access), so a view, a task and the API cannot differ."""

from .calibration import (  # noqa: F401
    calibration_create,
    calibration_record_benchmark,
    calibration_reveal,
    calibration_submit,
)
from .disputes import dispute_decide, dispute_raise  # noqa: F401
from .evaluations import (  # noqa: F401
    AnswerInput,
    evaluation_acknowledge,
    evaluation_delete,
    evaluation_record_feedback,
    evaluation_save_answers,
    evaluation_share,
    evaluation_start,
)
from .goals import goal_from_question  # noqa: F401
from .sampling import sample_draw, sample_replace  # noqa: F401
from .scorecards import (  # noqa: F401
    QuestionInput,
    SectionInput,
    scorecard_create,
    scorecard_delete,
    scorecard_edit,
    scorecard_reactivate,
    scorecard_retire,
    structure_of,
)
