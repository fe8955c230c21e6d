-- The first schema: everything the product needs, so that later work adds columns.
-- No foreign keys (DuckDB then forbids altering the parent); integrity is tested by queries.

-- Municipality and its reference lists, valid per year.
create table municipality (
    key         varchar primary key,   -- profile key, e.g. 'huddinge'
    name        varchar not null,
    loaded_at   timestamp not null
);

create table administration (
    name         varchar primary key,
    abbreviation varchar,
    committees   varchar[] not null default [],
    position     integer not null
);

create table goal_area (
    name       varchar primary key,
    valid_from integer,
    valid_to   integer,
    position   integer not null
);

create table strategic_direction (
    name       varchar primary key,
    valid_from integer,
    valid_to   integer,
    position   integer not null
);

create table fund_year (
    year       integer primary key,
    budget_sek bigint not null
);

create table fund_focus (
    year     integer not null,
    name     varchar not null,
    position integer not null,
    primary key (year, name)
);

create table parameter (
    key   varchar primary key,        -- hourly_cost_sek, discount_rate, calculation_years
    value double not null
);

-- Fund applications, one row per stored version.
create table application_version (
    id                   varchar not null,
    version              integer not null,
    year                 integer not null,
    title                varchar not null,
    administration       varchar not null,
    objekt               varchar,
    contact              varchar not null,
    email                varchar,
    fund_focus           varchar not null,
    strategic_directions varchar[] not null default [],
    goal_area            varchar not null,
    need                 varchar not null,
    expected_effect      varchar,
    requested_sek        bigint not null,
    own_funding_sek      bigint,
    start_date           date,
    end_date             date,
    risks                varchar,
    anchored             boolean,
    status               varchar,
    content_hash         varchar not null,
    import_id            integer not null,
    created_at           timestamp not null,
    primary key (id, version)
);

create table goal (
    application_id varchar not null,
    version        integer not null,
    position       integer not null,
    text           varchar not null,
    indicator      varchar,
    unit           varchar,
    baseline       double,
    target         double,
    deadline       date,
    owner          varchar,
    goal_area      varchar,
    primary key (application_id, version, position)
);

create table benefit (
    application_id     varchar not null,
    version            integer not null,
    position           integer not null,
    name               varchar not null,
    type               varchar,
    beneficiary        varchar,
    indicator          varchar,
    baseline           double,
    target             double,
    value_per_year_sek bigint,
    hours_per_year     double,
    first_year         integer,
    owner              varchar,
    primary key (application_id, version, position)
);

create table cost (
    application_id varchar not null,
    version        integer not null,
    position       integer not null,
    item           varchar,
    type           varchar,
    year           integer not null,
    amount_sek     bigint not null,
    primary key (application_id, version, position)
);

-- The current decision of an application; earlier ones remain in the audit log.
create table decision (
    application_id varchar primary key,
    decision       varchar not null,
    granted_sek    bigint,
    decision_date  date,
    decided_by     varchar,
    motivation     varchar,
    import_id      integer not null,
    recorded_at    timestamp not null
);

create table follow_up (
    application_id varchar not null,
    benefit        varchar not null,
    date           date not null,
    actual         double,
    actual_sek     bigint,
    comment        varchar,
    import_id      integer not null,
    recorded_at    timestamp not null,
    primary key (application_id, benefit, date)
);

create table status_report (
    application_id varchar not null,
    date           date not null,
    status         varchar not null,
    time_status    varchar,
    cost_status    varchar,
    benefit_status varchar,
    spent_sek      bigint,
    comment        varchar,
    import_id      integer not null,
    recorded_at    timestamp not null,
    primary key (application_id, date)
);

-- PM3.
create table objekt (
    name             varchar primary key,
    owner            varchar,
    manager_business varchar,
    manager_it       varchar,
    administrations  varchar[] not null default []
);

create table object_plan (
    objekt          varchar not null,
    year            integer not null,
    maintenance_sek bigint not null,
    development_sek bigint not null,
    primary key (objekt, year)
);

create table activity (
    objekt               varchar not null,
    year                 integer not null,
    position             integer not null,
    name                 varchar not null,
    type                 varchar,
    goal_area            varchar,
    strategic_directions varchar[] not null default [],
    goal                 varchar,
    indicator            varchar,
    target               double,
    deadline             date,
    budget_sek           bigint,
    status               varchar,
    primary key (objekt, year, position)
);

-- Every import, and every change it made.
create table import_log (
    id          integer primary key,
    imported_at timestamp not null,
    imported_by varchar not null,
    file_name   varchar not null,
    sha256      varchar not null,
    kind        varchar not null,
    added       integer not null,
    changed     integer not null,
    unchanged   integer not null,
    summary     varchar not null
);

create table audit_log (
    id        bigint primary key,
    logged_at timestamp not null,
    actor     varchar not null,
    import_id integer,
    entity    varchar not null,   -- application, decision, follow_up, objekt, reference, ...
    entity_id varchar not null,
    action    varchar not null,   -- added, changed, replaced, removed
    detail    varchar
);

-- The latest version of every application, with its current decision.
create view application_current as
select a.*,
       d.decision,
       d.granted_sek,
       d.decision_date,
       d.decided_by,
       case
           when d.decision is not null
                and (a.status is null
                     or a.status in ('Utkast', 'Inskickad', 'Förankrad', 'Beredd', 'Föredragen'))
               then d.decision
           when a.status is not null then a.status
           when a.anchored then 'Förankrad'
           else 'Inskickad'
       end as current_status
from application_version a
left join decision d on d.application_id = a.id
where a.version = (select max(v.version) from application_version v where v.id = a.id);
