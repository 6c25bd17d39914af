"""Writes for the coordination mechanisms (R10): kept by the central team."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from library.models import MechanismLink, MechanismNode, ResourceType
from library.permissions import can_edit_mechanisms
from portal.exceptions import ConflictError, NotAllowed

NODE_FIELDS = ("level", "name", "ministry", "department", "field_office_kind", "description", "order")


def _guard(user):
    if not can_edit_mechanisms(user):
        raise NotAllowed(_("เฉพาะทีมบูรณาการกลางแก้ไขกลไกการประสานได้"))


@transaction.atomic
def resource_type_create(
    *, user, code: str, name_th: str, name_en: str = "", description: str = "", source: str = "", order: int = 0
) -> ResourceType:
    _guard(user)
    resource_type = ResourceType(
        code=code, name_th=name_th, name_en=name_en, description=description, source=source, order=order
    )
    resource_type.full_clean()
    resource_type.save()
    return resource_type


@transaction.atomic
def mechanism_node_create(*, user, resource_type: ResourceType, **fields) -> MechanismNode:
    _guard(user)
    node = MechanismNode(resource_type=resource_type, **{k: v for k, v in fields.items() if k in NODE_FIELDS})
    node.full_clean()
    node.save()
    return node


@transaction.atomic
def mechanism_node_update(*, user, node: MechanismNode, **fields) -> MechanismNode:
    _guard(user)
    node = MechanismNode.objects.select_for_update().get(pk=node.pk)
    for name, value in fields.items():
        if name in NODE_FIELDS:
            setattr(node, name, value)
    node.full_clean()
    node.save()
    return node


@transaction.atomic
def mechanism_node_delete(*, user, node: MechanismNode) -> None:
    _guard(user)
    node.delete()  # its links go with it


@transaction.atomic
def mechanism_link_create(
    *, user, resource_type: ResourceType, source: MechanismNode, target: MechanismNode, label: str = ""
) -> MechanismLink:
    _guard(user)
    link = MechanismLink(resource_type=resource_type, source=source, target=target, label=label)
    link.full_clean()
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        raise ConflictError(_("มีความเชื่อมโยงนี้อยู่แล้ว")) from None
    return link


@transaction.atomic
def mechanism_link_delete(*, user, link: MechanismLink) -> None:
    _guard(user)
    link.delete()
