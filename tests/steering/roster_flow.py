"""The roster import in the browser, step by step: upload, mapping, preview job, import job."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rkkp_portal.jobs.models import Job
from tests import factories


def sample_register() -> None:
    """What the sample file (steering/import_samples/roster_sample.csv) refers to: the
    database dmd and two workplaces."""
    factories.GroupFactory(database__slug="dmd", database__acronym="DMD")
    factories.OrganisationFactory(name="Rigshospitalet", region=factories.region("hovedstaden"))
    factories.OrganisationFactory(
        name="Odense Universitetshospital", region=factories.region("syddanmark")
    )


class Flow:
    """Drives the pages as the secretariat does; jobs run eagerly after each commit."""

    def __init__(self, client, capture):
        self.client = client
        self.capture = capture

    def upload(self, content: bytes, name: str = "roster.csv"):
        return self.client.post(
            reverse("steering:roster-import"), {"file": SimpleUploadedFile(name, content)}
        )

    def mapping(self, content: bytes, name: str = "roster.csv"):
        response = self.upload(content, name)
        assert response.status_code == 302, response.context["form"].errors
        return self.client.get(response["Location"])

    def choose(self, page, **choices):
        """Post the mapping page as shown, with ``choices`` (field name → value) changed."""
        form = page.context["form"]
        data = {name: form[name].value() or "" for name in form.fields}
        data.update(choices)
        with self.capture(execute=True):
            return self.client.post(reverse("steering:roster-import-mapping"), data)

    def preview(self, content: bytes, name: str = "roster.csv", **choices):
        started = self.choose(self.mapping(content, name), **choices)
        assert started.status_code == 302, started.context["form"].errors
        return self.follow(started)

    def follow(self, started):
        """From the job page to the page that shows its result."""
        job_page = self.client.get(started["Location"])
        assert job_page.context["job"].finished
        return self.client.get(job_page.context["result_url"])

    def confirm(self, preview, notify: bool = False):
        url = reverse("steering:roster-import-confirm", args=[preview.context["job"].pk])
        with self.capture(execute=True):
            started = self.client.post(url, {"notify": "on"} if notify else {})
        assert started.status_code == 302
        return self.follow(started)


def last_job() -> Job:
    return Job.objects.order_by("-pk").first()
