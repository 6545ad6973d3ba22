import pytest

from tidtam.orgs.models import User
from tidtam.projects.models import Project

SAMPLE = "50310000-2961"


@pytest.fixture
def sample(demo) -> Project:
    return Project.objects.get(code=SAMPLE)


@pytest.fixture
def reporter(demo) -> User:
    return User.objects.get(username="reporter")
