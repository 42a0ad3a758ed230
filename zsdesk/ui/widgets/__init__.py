"""Input widgets of the record forms: exact money, optional dates, pickers, and
the error line shown next to a field."""

from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.feedback import FEEDBACK_STYLE, Banner, FieldError
from zsdesk.ui.widgets.money import MoneyEdit, format_money
from zsdesk.ui.widgets.pickers import (
    ChoiceCombo, CompanyChoicesModel, CompanyPicker, IndustryPicker, StaffCheckModel, StaffChecklist,
    StaffPicker,
)

__all__ = [
    "Banner", "ChoiceCombo", "CompanyChoicesModel", "CompanyPicker", "DateEdit", "FEEDBACK_STYLE",
    "FieldError", "IndustryPicker", "MoneyEdit", "StaffCheckModel", "StaffChecklist", "StaffPicker",
    "format_money",
]
