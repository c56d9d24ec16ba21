"""Background jobs: only the user who started a job follows it; to anyone else it is a 404."""

from tests.permission_grid.notation import row

ROWS = [
    #            anon mem  oth  chr  lead adm  adx  circ sec
    row(
        "jobs:job-detail",
        lambda s: [s.preview_job.pk],
        get=" L    404  404  404  404  404  404  404  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
    row(
        "jobs:job-progress",
        lambda s: [s.preview_job.pk],
        get=" L    404  404  404  404  404  404  404  200",
        post="L    405  405  405  405  405  405  405  405",
    ),
]
