"""What tests share: reading a page as its reader sees it, logging in, posting a form back."""

from django.test import Client


def log_in(page, username: str, password: str = "demo") -> None:  # noqa: S107 - demo login
    """Log in through the login page of a Playwright page (see the ``phone_page`` fixture)."""
    import re

    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(re.compile(r"/projects/"))


def visible_text(response) -> str:
    """A page's text without its markup, as a reader sees it."""
    return page_of(response).text


class Page(str):
    """A page's HTML where ``in`` also finds text as the reader sees it (Thai words are wrapped
    in their own tags on every page), so ``"หน่วยงาน" not in page`` cannot pass for nothing."""

    @property
    def text(self) -> str:
        import html
        import re

        return html.unescape(re.sub(r"<[^>]+>", "", self))

    def __contains__(self, item: str) -> bool:
        return str.__contains__(self, item) or item in self.text


def page_of(response) -> Page:
    return Page(response.content.decode())


def session(username: str, password: str = "demo") -> Client:  # noqa: S107 - demo login
    """A browser session of its own, logged in: two of them are two officers at once."""
    client = Client()
    assert client.login(username=username, password=password)
    return client


def form_data(response, name: str = "form") -> dict:
    """What the browser would post back: every field of the page's form (``name``, in the
    page's context) as the page shows it."""
    return _fields_of(response.context[name])


def admin_form_data(response) -> dict:
    """What the browser would post back from a change page of the admin site: the object's
    fields and those of each inline row, with the inlines' management forms."""
    data = _fields_of(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_fields_of(formset.management_form))
        for row in formset.forms:
            data.update(_fields_of(row))
    return data


def _fields_of(form) -> dict:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        else:
            value = getattr(value, "pk", value)
        if value is not None:
            data[form.add_prefix(name)] = value
    return data
