"""Operations that set up a new installation."""

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import Role, User


def administrator_exists() -> bool:
    return get_user_model().objects.filter(is_superuser=True, is_active=True).exists()


@transaction.atomic
def first_admin_create(*, email: str, password: str) -> User | None:
    """The first administrator of an empty installation; None when one exists already.

    Never changes an existing account: an address that belongs to someone else is an error.
    """
    User = get_user_model()
    if administrator_exists():
        return None
    email = User.objects.normalize_email(email.strip())
    validate_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s already has an account that is no administrator.") % {"email": email}
        )
    user = User(email=email, role=Role.ADMIN, is_staff=True, is_superuser=True)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
