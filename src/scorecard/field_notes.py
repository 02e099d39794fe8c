"""One line about every config key: hover text in editors (via the JSON Schema) and the
config reference in docs/."""

from __future__ import annotations

NOTES: dict[str, str] = {
    "Config.version": "The config format version.",
    "Config.title": "Shown on top of every report and as the workbook's title.",
    "Config.currency": "How `unit: currency` values are shown: CNY ¥, USD $, EUR €, GBP £, ...",
    "Config.period": "The kind of period scored when `--period` is not given: the last "
    "complete one before today.",
    "Config.fiscal_year_start": "The month in which quarters, halves and years begin; a "
    "fiscal year is named by the calendar year it starts in.",
    "Config.sources": "The exports to read, each under a name that KPIs refer to.",
    "Config.roster": "Who is scored.",
    "Config.kpis": "The indicators, each under an id used by `scorecards` and `targets`.",
    "Config.targets": "Targets at every level; the first found wins.",
    "Config.scorecards": "KPI weights per role (the roster's role column); weights need "
    "not add up to 100. With one scorecard and no role column, everyone is scored on it.",
    "Config.scoring": "Scoring defaults for every KPI.",
    "Config.grades": "Grade bands: the first from the top whose `min` ≤ total.",
    "Config.teams": "How teams are rolled up.",
    "Config.perspectives": "Balanced-scorecard perspectives: KPI ids per perspective; each "
    "person and team gets a subtotal per perspective. A KPI belongs to one perspective.",
    "Config.bonus": "Bonus per person from the grade or total, with gates and a pool.",
    "SourceConfig.path": "The file: .csv .tsv .txt .xlsx .xlsm .xls .ods; relative to the "
    "config file.",
    "SourceConfig.sheet": "Excel: a sheet name or a 1-based number; default the first "
    "visible sheet.",
    "SourceConfig.encoding": "`auto` (BOM, UTF-16 by its zero bytes, UTF-8, GB18030, else "
    "Windows-1252), or any Python codec name: `utf-8`, `gb18030`, `utf-16`, ...",
    "SourceConfig.delimiter": "CSV field separator; `auto` detects it.",
    "SourceConfig.header_row": "The 1-based row holding the headers.",
    "SourceConfig.person": "The column naming the person a row belongs to.",
    "SourceConfig.date": "The column placing a row in a period; without it every row counts "
    "in every period.",
    "SourceConfig.date_format": "A strptime format for every date of this source, e.g. "
    '`"%d/%m/%Y"`; needed for day/month dates such as `05/10/2026`.',
    "SourceConfig.decimal": "The decimal separator of numbers: with `,`, `1.234,50` is 1234.5.",
    "Targets.decimal": "The decimal separator of the targets file's numbers: with `,`, "
    "`12.000` is 12000.",
    "SourceConfig.fill_down": "Columns whose empty cells take the value above them, e.g. "
    "`[Owner]`: grouped reports and sheets saved from merged cells print a group's value "
    "once. Subtotal rows (小计, Subtotal; no owner, no date) inside the data are then not scored.",
    "SourceConfig.dedupe": "Keep one row per key (history or snapshot exports).",
    "SourceConfig.columns": "Derived columns: name → formula over other columns "
    "(`+ - * /`, parentheses, numbers, `[names with spaces]`).",
    "Dedupe.key": "The columns that identify a row, e.g. `[Deal ID]`.",
    "Dedupe.keep": "Which row of a key to keep.",
    "Dedupe.order_by": "The column ordering the rows of a key (default: file order).",
    "RosterConfig.path": "A roster file, mapped like a source (or use `people`).",
    "RosterConfig.people": "An inline roster instead of a file.",
    "RosterConfig.sheet": "Excel: a sheet name or a 1-based number.",
    "RosterConfig.encoding": "As for sources.",
    "RosterConfig.delimiter": "As for sources.",
    "RosterConfig.header_row": "The 1-based row holding the headers.",
    "RosterConfig.person": "The column holding the key that sources' person columns hold.",
    "RosterConfig.team": "The column naming the person's team.",
    "RosterConfig.role": "The column naming the role, which picks the scorecard.",
    "RosterConfig.name": "The column with the display name.",
    "RosterConfig.manager": "The column naming the manager.",
    "RosterConfig.fill_down": "Roster file columns whose empty cells take the value above "
    "them, e.g. `[部门]` for a team written once over its members (merged cells saved as CSV).",
    "RosterConfig.email": "The column with the e-mail address; an export's person cell "
    "holding it names that person.",
    "RosterConfig.aliases": 'The column of other spellings used in exports, ";"-separated.',
    "RosterConfig.start_date": "The column with the first active day (for `targets.prorate`).",
    "RosterConfig.end_date": "The column with the last active day (for `targets.prorate`).",
    "RosterConfig.date_format": "A strptime format for the start and end dates of the roster "
    'file, e.g. `"%m/%d/%Y"`; needed for day/month dates such as `10/05/2026`.',
    "RosterConfig.bonus_base": "The column with the person's bonus base (for `bonus.base.column`).",
    "RosterEntry.person": "The key that sources' person columns hold.",
    "RosterEntry.team": "The person's team.",
    "RosterEntry.role": "The role, which picks the scorecard.",
    "RosterEntry.name": "The display name.",
    "RosterEntry.manager": "The manager.",
    "RosterEntry.email": "The e-mail address; an export's person cell holding it names "
    "this person.",
    "RosterEntry.aliases": 'Other spellings used in exports: a list, or ";"-separated text.',
    "RosterEntry.start_date": "The first active day (for `targets.prorate`).",
    "RosterEntry.end_date": "The last active day (for `targets.prorate`).",
    "RosterEntry.bonus_base": "The bonus base (for `bonus.base.column`).",
    "KPI.label": "The name shown in reports (any language); default the KPI id.",
    "KPI.description": "What the KPI means, shown by `explain` and on the Rules sheet.",
    "KPI.source": "The source whose rows are measured.",
    "KPI.measure": "How the actual is computed from the rows.",
    "KPI.where": "Which rows count: column → condition; all must hold.",
    "KPI.unit": "How values are shown.",
    "KPI.better": "`higher`: attainment = actual ÷ target; `lower`: target ÷ actual.",
    "KPI.scoring": "This KPI's own scoring rule.",
    "KPI.anchors": "Texts for the levels of a rating scale, e.g. `{5: exceeds}`.",
    "_Measure.where": "A filter of this measure, applied after the KPI's `where`.",
    "CountMeasure.count": "`rows` counts rows; a column name counts rows where it is not empty.",
    "CountDistinctMeasure.count_distinct": "The column whose distinct non-empty values "
    "are counted.",
    "SumMeasure.sum": "The numeric column to add up.",
    "MeanMeasure.mean": "The numeric column to average.",
    "MedianMeasure.median": "The numeric column.",
    "MinMeasure.min": "The numeric column.",
    "MaxMeasure.max": "The numeric column.",
    "MeanDaysMeasure.mean_days": "`[FROM, TO]`: two date columns; the mean of TO − FROM in days.",
    "RatioMeasure.ratio": "The numerator and denominator measures.",
    "RatioParts.numerator": "A measure.",
    "RatioParts.denominator": "A measure; no value when it is 0.",
    "RatingMeasure.rating": "The column with the rating.",
    "RatingMeasure.rater": "The column with the rater type (manager, peer, customer, self).",
    "RatingMeasure.weights": "Weight per rater type, renormalised over the types present; "
    "without it the plain mean.",
    "RatingMeasure.min_raters": "Fewer ratings than this: no value.",
    "RatingMeasure.exclude": "Rater types to leave out, e.g. `[self]`.",
    "NewCustomersMeasure.new_customers": "The customer column.",
    "RetentionMeasure.retention": "The customer column.",
    "CrossSellMeasure.cross_sell": "The customer and product columns.",
    "CustomerColumn.customer": "The column naming the customer.",
    "CustomerProduct.customer": "The column naming the customer.",
    "CustomerProduct.product": "The column naming the product.",
    "Condition.eq": "Equals.",
    "Condition.ne": "Does not equal (an empty cell passes).",
    "Condition.gt": "Greater than.",
    "Condition.ge": "Greater than or equal to.",
    "Condition.lt": "Less than.",
    "Condition.le": "Less than or equal to.",
    "Condition.in_": "One of.",
    "Condition.not_in": "None of (an empty cell passes).",
    "Condition.between": "`[low, high]`, both ends inclusive.",
    "Condition.empty": "`true`: the cell is empty; `false`: it is not.",
    "Scoring.threshold": "Attainment below this scores 0.",
    "Scoring.cap": "Attainment above this scores as this.",
    "Scoring.missing": "A KPI with no value: `zero` scores 0; `exclude` leaves it out of "
    "the person's weights.",
    "ScoringOverride.threshold": "As `scoring.threshold`, for this KPI.",
    "ScoringOverride.cap": "As `scoring.cap`, for this KPI.",
    "ScoringOverride.missing": "As `scoring.missing`, for this KPI.",
    "ScoringOverride.curve": "`[[attainment, score], ...]`: piecewise linear; 0 below the "
    "first point, the last score beyond the last.",
    "ScoringOverride.bands": "Scores on the actual value; the KPI then needs no target.",
    "Band.min": "For `better: higher`: the band applies when actual ≥ min.",
    "Band.max": "For `better: lower`: the band applies when actual ≤ max.",
    "Band.score": "The score of the band.",
    "Targets.defaults": "KPI → target for everyone.",
    "Targets.by_role": "Role → KPI → target.",
    "Targets.by_team": "Team → KPI → target for each member.",
    "Targets.teams": "Team → KPI → the team's own target.",
    "Targets.file": "A targets file with the columns person, kpi, target and optionally "
    "period (人员, 指标, 目标, 期间 also work).",
    "Targets.prorate": "Prorate count and sum targets of joiners and leavers by active "
    "calendar days or workdays.",
    "Targets.holidays": (
        "A file of holiday dates (first column; a header line is optional) for `prorate: workdays`."
    ),
    "Targets.makeup_workdays": (
        "A file of weekend days worked (调休; first column, a header line optional) for "
        "`prorate: workdays`."
    ),
    "Growth.growth": "The growth on the baseline: `0.10` is +10%.",
    "Growth.baseline": "`previous`: the period just before; `last-year`: the same period "
    "a year earlier.",
    "GradeBand.grade": "The grade, e.g. `A`.",
    "GradeBand.min": "The lowest total with this grade.",
    "GradeBand.label": "A label shown beside the grade, e.g. `Excellent` or 优秀.",
    "TeamsConfig.method": "`pooled`: a team is scored like one person on its members' rows; "
    "`mean`: the mean of its members' totals.",
    "TeamsConfig.scorecard": "The scorecard whose weights score teams; default the first.",
    "Bonus.base": "The bonus base.",
    "Bonus.by_grade": "Grade → multiplier.",
    "Bonus.curve": "`[[total, multiplier], ...]`: piecewise linear on the total.",
    "Bonus.gates": "No bonus unless every gate passes.",
    "Bonus.pool": "When the bonuses add up to more, each is scaled by pool ÷ sum.",
    "BonusBase.column": "`bonus_base`: the roster's bonus_base column.",
    "BonusBase.amount": "One amount for everyone.",
    "Gate.kpi": "The KPI whose attainment is checked.",
    "Gate.min_attainment": "The lowest attainment that passes, e.g. `0.6`.",
}
