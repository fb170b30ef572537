"""重点任务台账 (/tasks): the 24 tasks, who leads them, how far they are, and what is late."""

from components.shell.page import page_header
from components.ui.data import datasets, views
from components.views.tasks_ledger import ledger_page
from hnparks.views import tasks as _lg

lg = views(_lg)

scope = page_header("重点任务台账", datasets=list(_lg.LEDGER_DATASETS))
ledger = lg.ledger_for(datasets(scope), scope.period)
ledger_page(scope, ledger)  # a fragment: the filters and tabs rerun it, not the page
