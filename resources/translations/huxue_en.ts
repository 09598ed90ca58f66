<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AtLimitModel</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Duties / limit</source>
            <translation>Duties / limit</translation>
        </message>
        <message>
            <source>Police</source>
            <translation>Police</translation>
        </message>
        <message>
            <source>Auxiliary</source>
            <translation>Auxiliary</translation>
        </message>
        <message>
            <source>Security guard</source>
            <translation>Security guard</translation>
        </message>
        <message>
            <source>Volunteer</source>
            <translation>Volunteer</translation>
        </message>
    </context>
    <context>
        <name>AttendanceModel</name>
        <message>
            <source>Present</source>
            <translation>Present</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>Late</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>Absent</translation>
        </message>
        <message>
            <source>Excused</source>
            <translation>Excused</translation>
        </message>
        <message>
            <source>Substituted</source>
            <translation>Substituted</translation>
        </message>
        <message>
            <source>Not recorded</source>
            <translation>Not recorded</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Session</source>
            <translation>Session</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>School and post</source>
            <translation>School and post</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>Minutes late</source>
            <translation>Minutes late</translation>
        </message>
        <message>
            <source>Substitute</source>
            <translation>Substitute</translation>
        </message>
        <message>
            <source>Recorded by %1 at %2</source>
            <translation>Recorded by %1 at %2</translation>
        </message>
    </context>
    <context>
        <name>AttendancePage</name>
        <message>
            <source>Attendance</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>Unsaved attendance</source>
            <translation>Unsaved attendance</translation>
        </message>
        <message>
            <source>Save the attendance typed on this page?</source>
            <translation>Save the attendance typed on this page?</translation>
        </message>
        <message>
            <source>No published duties on this day here: publish the week's roster first.</source>
            <translation>No published duties on this day here: publish the week's roster first.</translation>
        </message>
        <message>
            <source>This sheet was printed from version %1; the published roster is now version %2. Record against the rows below.</source>
            <translation>This sheet was printed from version %1; the published roster is now version %2. Record against the rows below.</translation>
        </message>
        <message>
            <source>Moved after printing: %1</source>
            <translation>Moved after printing: %1</translation>
        </message>
        <message>
            <source>%1 duties · %2 recorded · turnout %3 · %4 unsaved</source>
            <translation>%1 duties · %2 recorded · turnout %3 · %4 unsaved</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>Late</translation>
        </message>
        <message>
            <source>Minutes late:</source>
            <translation>Minutes late:</translation>
        </message>
        <message>
            <source>Substituted</source>
            <translation>Substituted</translation>
        </message>
        <message>
            <source>Code of the person who stood in:</source>
            <translation>Code of the person who stood in:</translation>
        </message>
        <message>
            <source>Importing the sign-in file…</source>
            <translation>Importing the sign-in file…</translation>
        </message>
        <message>
            <source>… and %1 more</source>
            <translation>… and %1 more</translation>
        </message>
        <message>
            <source>Nothing imported:</source>
            <translation>Nothing imported:</translation>
        </message>
        <message>
            <source>Imported %1 new and %2 changed records.</source>
            <translation>Imported %1 new and %2 changed records.</translation>
        </message>
        <message>
            <source>Import sign-in file</source>
            <translation>Import sign-in file</translation>
        </message>
        <message>
            <source>Spreadsheets (*.xlsx *.csv)</source>
            <translation>Spreadsheets (*.xlsx *.csv)</translation>
        </message>
    </context>
    <context>
        <name>AttendanceView</name>
        <message>
            <source>Attendance</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>Sign-in sheet code, e.g. 2F-1BX-1D</source>
            <translation>Sign-in sheet code, e.g. 2F-1BX-1D</translation>
        </message>
        <message>
            <source>Open sheet</source>
            <translation>Open sheet</translation>
        </message>
        <message>
            <source>All present</source>
            <translation>All present</translation>
        </message>
        <message>
            <source>Mark every duty with nothing recorded as present</source>
            <translation>Mark every duty with nothing recorded as present</translation>
        </message>
        <message>
            <source>Save attendance</source>
            <translation>Save attendance</translation>
        </message>
        <message>
            <source>Import sign-in file…</source>
            <translation>Import sign-in file…</translation>
        </message>
        <message>
            <source>Reports and hours…</source>
            <translation>Reports and hours…</translation>
        </message>
        <message>
            <source>Plan with turnout</source>
            <translation>Plan with turnout</translation>
        </message>
        <message>
            <source>When planning, keep officers whose turnout of the last 8 weeks is below the threshold (80% unless changed with the rules command) from standing alone at a risk-3 post (a soft rule: no seat is left empty for it)</source>
            <translation>When planning, keep officers whose turnout of the last 8 weeks is below the threshold (80% unless changed with the rules command) from standing alone at a risk-3 post (a soft rule: no seat is left empty for it)</translation>
        </message>
        <message>
            <source>Keys: P present · L late · A absent · E excused · S substituted · Delete forget what was typed. Bold rows are not saved yet.</source>
            <translation>Keys: P present · L late · A absent · E excused · S substituted · Delete forget what was typed. Bold rows are not saved yet.</translation>
        </message>
    </context>
    <context>
        <name>BackupDialog</name>
        <message>
            <source>Back up the database</source>
            <translation>Back up the database</translation>
        </message>
        <message>
            <source>Saves every school, post, person, calendar entry and roster into one file. Restore brings it back exactly.</source>
            <translation>Saves every school, post, person, calendar entry and roster into one file. Restore brings it back exactly.</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Save as</translation>
        </message>
        <message>
            <source>Backup file</source>
            <translation>Backup file</translation>
        </message>
        <message>
            <source>Back up</source>
            <translation>Back up</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>Backing up…</translation>
        </message>
        <message>
            <source>{rows} rows of {tables} tables saved to {path}</source>
            <translation>{rows} rows of {tables} tables saved to {path}</translation>
        </message>
        <message>
            <source>No backup written: {reason}</source>
            <translation>No backup written: {reason}</translation>
        </message>
    </context>
    <context>
        <name>BasemapDialog</name>
        <message>
            <source>Basemap</source>
            <translation>Basemap</translation>
        </message>
        <message>
            <source>No basemap</source>
            <translation>No basemap</translation>
        </message>
        <message>
            <source>Offline file (MBTiles)</source>
            <translation>Offline file (MBTiles)</translation>
        </message>
        <message>
            <source>Tile server on the intranet</source>
            <translation>Tile server on the intranet</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>Rows counted from the south (TMS)</source>
            <translation>Rows counted from the south (TMS)</translation>
        </message>
        <message>
            <source>{z}, {x} and {y} stand for zoom, column and row; {-y} for a row counted from the south. Tiles are fetched only from this address and kept in the user's cache folder.</source>
            <translation>{z}, {x} and {y} stand for zoom, column and row; {-y} for a row counted from the south. Tiles are fetched only from this address and kept in the user's cache folder.</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>The address must start with http:// or https://</source>
            <translation>The address must start with http:// or https://</translation>
        </message>
        <message>
            <source>The address needs {z}, {x} and {y} (or {-y})</source>
            <translation>The address needs {z}, {x} and {y} (or {-y})</translation>
        </message>
        <message>
            <source>No such file: %1</source>
            <translation>No such file: %1</translation>
        </message>
        <message>
            <source>Offline basemap (MBTiles)</source>
            <translation>Offline basemap (MBTiles)</translation>
        </message>
    </context>
    <context>
        <name>BellGridModel</name>
        <message>
            <source>The default of this kind of school; type to give the day its own times</source>
            <translation>The default of this kind of school; type to give the day its own times</translation>
        </message>
    </context>
    <context>
        <name>CalendarController</name>
        <message>
            <source>%1 / %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <source>The holiday calendar for %1 is not known yet (the calendar package covers 2004–2026): weekdays count as school days. Enter public holidays and make-up days as exceptions.</source>
            <translation>The holiday calendar for %1 is not known yet (the calendar package covers 2004–2026): weekdays count as school days. Enter public holidays and make-up days as exceptions.</translation>
        </message>
        <message>
            <source>Make-up day %1 follows %2</source>
            <translation>Make-up day %1 follows %2</translation>
        </message>
        <message>
            <source>Calendar exception %1 on %2</source>
            <translation>Calendar exception %1 on %2</translation>
        </message>
        <message>
            <source>Change not possible</source>
            <translation>Change not possible</translation>
        </message>
        <message>
            <source>Select a day to see what applies.</source>
            <translation>Select a day to see what applies.</translation>
        </message>
        <message>
            <source>Add term %1</source>
            <translation>Add term %1</translation>
        </message>
        <message>
            <source>Edit term %1</source>
            <translation>Edit term %1</translation>
        </message>
        <message>
            <source>Remove term %1</source>
            <translation>Remove term %1</translation>
        </message>
        <message>
            <source>Remove calendar exception %1</source>
            <translation>Remove calendar exception %1</translation>
        </message>
    </context>
    <context>
        <name>CalendarPage</name>
        <message>
            <source>Calendar</source>
            <translation>Calendar</translation>
        </message>
    </context>
    <context>
        <name>CalendarView</name>
        <message>
            <source>Terms and vacations</source>
            <translation>Terms and vacations</translation>
        </message>
        <message>
            <source>Add term</source>
            <translation>Add term</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Edit</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Exceptions this month (closure, early release, exam)</source>
            <translation>Exceptions this month (closure, early release, exam)</translation>
        </message>
        <message>
            <source>Add exception</source>
            <translation>Add exception</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Previous month</source>
            <translation>Previous month</translation>
        </message>
        <message>
            <source>Next month</source>
            <translation>Next month</translation>
        </message>
        <message>
            <source>Make-up day follows</source>
            <translation>Make-up day follows</translation>
        </message>
        <message>
            <source>&lt;span style='background:#fde0dc'&gt;&amp;nbsp;holiday&amp;nbsp;&lt;/span&gt; &lt;span style='background:#dbe9fb'&gt;&amp;nbsp;make-up working day&amp;nbsp;&lt;/span&gt; &lt;span style='background:#fff1c4'&gt;&amp;nbsp;exception&amp;nbsp;&lt;/span&gt; &lt;span style='background:#e8e8e8'&gt;&amp;nbsp;no school (outside term, vacation)&amp;nbsp;&lt;/span&gt;</source>
            <translation>&lt;span style='background:#fde0dc'&gt;&amp;nbsp;holiday&amp;nbsp;&lt;/span&gt; &lt;span style='background:#dbe9fb'&gt;&amp;nbsp;make-up working day&amp;nbsp;&lt;/span&gt; &lt;span style='background:#fff1c4'&gt;&amp;nbsp;exception&amp;nbsp;&lt;/span&gt; &lt;span style='background:#e8e8e8'&gt;&amp;nbsp;no school (outside term, vacation)&amp;nbsp;&lt;/span&gt;</translation>
        </message>
    </context>
    <context>
        <name>Conflict</name>
        <message>
            <source>Crew</source>
            <translation>Crew</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Speed</translation>
        </message>
        <message>
            <source>Shift starts</source>
            <translation>Shift starts</translation>
        </message>
        <message>
            <source>Shift ends</source>
            <translation>Shift ends</translation>
        </message>
        <message>
            <source>Starts from</source>
            <translation>Starts from</translation>
        </message>
        <message>
            <source>Start latitude</source>
            <translation>Start latitude</translation>
        </message>
        <message>
            <source>Start longitude</source>
            <translation>Start longitude</translation>
        </message>
        <message>
            <source>End latitude</source>
            <translation>End latitude</translation>
        </message>
        <message>
            <source>End longitude</source>
            <translation>End longitude</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Applies to</source>
            <translation>Applies to</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <source>another planner</source>
            <translation>another planner</translation>
        </message>
        <message>
            <source>{record} was removed by {who} {when} after you opened it.</source>
            <translation>{record} was removed by {who} {when} after you opened it.</translation>
        </message>
        <message>
            <source>{record} was changed by {who} {when} after you opened it.</source>
            <translation>{record} was changed by {who} {when} after you opened it.</translation>
        </message>
        <message>
            <source>The draft changed while solving</source>
            <translation>The draft changed while solving</translation>
        </message>
        <message>
            <source>The new roster was not stored. Keep the newer draft, or replace it with the new roster (the replacement is recorded in the audit trail)?</source>
            <translation>The new roster was not stored. Keep the newer draft, or replace it with the new roster (the replacement is recorded in the audit trail)?</translation>
        </message>
        <message>
            <source>Keep the newer draft</source>
            <translation>Keep the newer draft</translation>
        </message>
        <message>
            <source>Replace it with the new roster</source>
            <translation>Replace it with the new roster</translation>
        </message>
        <message>
            <source>Someone else saved this record first</source>
            <translation>Someone else saved this record first</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Someone else saved this record first</source>
            <translation>Someone else saved this record first</translation>
        </message>
        <message>
            <source>Nothing of yours was saved yet. Choose for each field which value to keep, then save again.</source>
            <translation>Nothing of yours was saved yet. Choose for each field which value to keep, then save again.</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>Their value (stored)</source>
            <translation>Their value (stored)</translation>
        </message>
        <message>
            <source>Your value</source>
            <translation>Your value</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Keep mine</translation>
        </message>
        <message>
            <source>Take theirs</source>
            <translation>Take theirs</translation>
        </message>
    </context>
    <context>
        <name>EditController</name>
        <message>
            <source>No week is loaded.</source>
            <translation>No week is loaded.</translation>
        </message>
        <message>
            <source>Add {name} to {duty}</source>
            <translation>Add {name} to {duty}</translation>
        </message>
        <message>
            <source>Move {name} to {duty}</source>
            <translation>Move {name} to {duty}</translation>
        </message>
        <message>
            <source>Remove {name} from {duty}</source>
            <translation>Remove {name} from {duty}</translation>
        </message>
        <message>
            <source>Unpin {name} at {duty}</source>
            <translation>Unpin {name} at {duty}</translation>
        </message>
        <message>
            <source>Pin {name} at {duty}</source>
            <translation>Pin {name} at {duty}</translation>
        </message>
        <message>
            <source>Cannot undo or redo this edit: the roster of that week changed since (generated, published or edited again).</source>
            <translation>Cannot undo or redo this edit: the roster of that week changed since (generated, published or edited again).</translation>
        </message>
        <message>
            <source>Refused: {why}</source>
            <translation>Refused: {why}</translation>
        </message>
        <message>
            <source>Read only: {who} may not change another station's roster.</source>
            <translation>Read only: {who} may not change another station's roster.</translation>
        </message>
        <message>
            <source>Wait for the solve to finish (or stop it) before editing.</source>
            <translation>Wait for the solve to finish (or stop it) before editing.</translation>
        </message>
        <message>
            <source>Cancelled: the published roster was left as it is.</source>
            <translation>Cancelled: the published roster was left as it is.</translation>
        </message>
        <message>
            <source>Change a published roster?</source>
            <translation>Change a published roster?</translation>
        </message>
        <message>
            <source>This week's roster is published. The change opens a new draft version and is recorded in the audit trail (who, when, before and after). Go on?</source>
            <translation>This week's roster is published. The change opens a new draft version and is recorded in the audit trail (who, when, before and after). Go on?</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>must not be empty</source>
            <translation>must not be empty</translation>
        </message>
        <message>
            <source>is longer than {max} characters</source>
            <translation>is longer than {max} characters</translation>
        </message>
        <message>
            <source>“{value}” is already used</source>
            <translation>“{value}” is already used</translation>
        </message>
        <message>
            <source>is not a known value</source>
            <translation>is not a known value</translation>
        </message>
        <message>
            <source>{value} is out of range</source>
            <translation>{value} is out of range</translation>
        </message>
        <message>
            <source>“{value}” is not a time; write 07:20-07:55, several separated by ;</source>
            <translation>“{value}” is not a time; write 07:20-07:55, several separated by ;</translation>
        </message>
        <message>
            <source>the end must come after the start ({start} – {end})</source>
            <translation>the end must come after the start ({start} – {end})</translation>
        </message>
        <message>
            <source>{start}–{end} overlaps {other} ({other_start}–{other_end}) on the same day</source>
            <translation>{start}–{end} overlaps {other} ({other_start}–{other_end}) on the same day</translation>
        </message>
        <message>
            <source>police ≤ officers ≤ total must hold (now {police} / {officers} / {total})</source>
            <translation>police ≤ officers ≤ total must hold (now {police} / {officers} / {total})</translation>
        </message>
        <message>
            <source>“{value}” is not a mobile number (13812345678), a landline with area code (0592-1234567) or an internal short number (3–6 digits)</source>
            <translation>“{value}” is not a mobile number (13812345678), a landline with area code (0592-1234567) or an internal short number (3–6 digits)</translation>
        </message>
        <message>
            <source>{schools} schools, {people} people and {rosters} rosters still belong to it; move them to another station first</source>
            <translation>{schools} schools, {people} people and {rosters} rosters still belong to it; move them to another station first</translation>
        </message>
        <message>
            <source>has duties in a roster; set it inactive instead</source>
            <translation>has duties in a roster; set it inactive instead</translation>
        </message>
        <message>
            <source>give both latitude and longitude, or neither</source>
            <translation>give both latitude and longitude, or neither</translation>
        </message>
        <message>
            <source>lies outside the term</source>
            <translation>lies outside the term</translation>
        </message>
        <message>
            <source>“{value}” is not a police officer</source>
            <translation>“{value}” is not a police officer</translation>
        </message>
        <message>
            <source>must not be the responsible officer</source>
            <translation>must not be the responsible officer</translation>
        </message>
    </context>
    <context>
        <name>ExceptionDialog</name>
        <message>
            <source>Calendar exception</source>
            <translation>Calendar exception</translation>
        </message>
        <message>
            <source>Exception</source>
            <translation>Exception</translation>
        </message>
        <message>
            <source>Applies to</source>
            <translation>Applies to</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Follows the timetable of</source>
            <translation>Follows the timetable of</translation>
        </message>
        <message>
            <source>Own guard times (07:20-07:55; several separated by ;)</source>
            <translation>Own guard times (07:20-07:55; several separated by ;)</translation>
        </message>
        <message>
            <source>e.g. sports day, mid-term exam</source>
            <translation>e.g. sports day, mid-term exam</translation>
        </message>
    </context>
    <context>
        <name>ExceptionTableModel</name>
        <message>
            <source>Dates</source>
            <translation>Dates</translation>
        </message>
        <message>
            <source>Exception</source>
            <translation>Exception</translation>
        </message>
        <message>
            <source>Applies to</source>
            <translation>Applies to</translation>
        </message>
        <message>
            <source>Times</source>
            <translation>Times</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export a week</source>
            <translation>Export a week</translation>
        </message>
        <message>
            <source>Week of</source>
            <translation>Week of</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Which</source>
            <translation>Which</translation>
        </message>
        <message>
            <source>Scope</source>
            <translation>Scope</translation>
        </message>
        <message>
            <source>Full phone numbers (otherwise masked: 138****5678)</source>
            <translation>Full phone numbers (otherwise masked: 138****5678)</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Save as</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Excel workbook (.xlsx), a sheet per station</source>
            <translation>Excel workbook (.xlsx), a sheet per station</translation>
        </message>
        <message>
            <source>CSV table (.csv, opens in Excel)</source>
            <translation>CSV table (.csv, opens in Excel)</translation>
        </message>
        <message>
            <source>Calendar files (.ics), one per school and person</source>
            <translation>Calendar files (.ics), one per school and person</translation>
        </message>
        <message>
            <source>Messages for WeChat and SMS (.txt), one per school and person</source>
            <translation>Messages for WeChat and SMS (.txt), one per school and person</translation>
        </message>
        <message>
            <source>The whole district</source>
            <translation>The whole district</translation>
        </message>
        <message>
            <source>One police station</source>
            <translation>One police station</translation>
        </message>
        <message>
            <source>One school</source>
            <translation>One school</translation>
        </message>
        <message>
            <source>One person</source>
            <translation>One person</translation>
        </message>
        <message>
            <source>Writes one file per school and per person into a folder.</source>
            <translation>Writes one file per school and per person into a folder.</translation>
        </message>
        <message>
            <source>Writes one file with a row per duty.</source>
            <translation>Writes one file with a row per duty.</translation>
        </message>
        <message>
            <source>Choose where to save the export.</source>
            <translation>Choose where to save the export.</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Exporting…</translation>
        </message>
        <message>
            <source>{rows} duties exported: {files} file(s) in {path}</source>
            <translation>{rows} duties exported: {files} file(s) in {path}</translation>
        </message>
        <message>
            <source>Nothing exported: {reason}</source>
            <translation>Nothing exported: {reason}</translation>
        </message>
    </context>
    <context>
        <name>FiguresModel</name>
        <message>
            <source>Window</source>
            <translation>Window</translation>
        </message>
        <message>
            <source>Schools</source>
            <translation>Schools</translation>
        </message>
        <message>
            <source>≤ 1 min</source>
            <translation>≤ 1 min</translation>
        </message>
        <message>
            <source>≤ 3 min</source>
            <translation>≤ 3 min</translation>
        </message>
        <message>
            <source>≤ 5 min</source>
            <translation>≤ 5 min</translation>
        </message>
        <message>
            <source>Posts alone → posts and patrols</source>
            <translation>Posts alone → posts and patrols</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import from Excel or CSV</source>
            <translation>Import from Excel or CSV</translation>
        </message>
        <message>
            <source>Rows are matched by code: a code already in the database is updated, a new code is added. A file with any error imports nothing.</source>
            <translation>Rows are matched by code: a code already in the database is updated, a new code is added. A file with any error imports nothing.</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>File</source>
            <translation>File</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>File to import</translation>
        </message>
        <message>
            <source>Download a template…</source>
            <translation>Download a template…</translation>
        </message>
        <message>
            <source>Check file</source>
            <translation>Check file</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>{n} errors in {rows} rows; nothing was imported. Correct the file and check it again.</source>
            <translation>{n} errors in {rows} rows; nothing was imported. Correct the file and check it again.</translation>
        </message>
        <message>
            <source>Imported {rows} rows of {kind}: {created} added, {updated} updated.</source>
            <translation>Imported {rows} rows of {kind}: {created} added, {updated} updated.</translation>
        </message>
        <message>
            <source>The file is fine: {rows} rows of {kind}. Import them now? The import cannot be undone with Ctrl+Z (make a backup first if unsure).</source>
            <translation>The file is fine: {rows} rows of {kind}. Import them now? The import cannot be undone with Ctrl+Z (make a backup first if unsure).</translation>
        </message>
        <message>
            <source>Choose a file to import.</source>
            <translation>Choose a file to import.</translation>
        </message>
        <message>
            <source>The file cannot be read: {reason}</source>
            <translation>The file cannot be read: {reason}</translation>
        </message>
    </context>
    <context>
        <name>ImportErrorsModel</name>
        <message>
            <source>Row</source>
            <translation>Row</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>Column</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Value</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
    </context>
    <context>
        <name>ImportKinds</name>
        <message>
            <source>Schools</source>
            <translation>Schools</translation>
        </message>
        <message>
            <source>Guard posts</source>
            <translation>Guard posts</translation>
        </message>
        <message>
            <source>Bell times</source>
            <translation>Bell times</translation>
        </message>
        <message>
            <source>People</source>
            <translation>People</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Kindergarten</source>
            <translation>Kindergarten</translation>
        </message>
        <message>
            <source>Primary school</source>
            <translation>Primary school</translation>
        </message>
        <message>
            <source>Middle school</source>
            <translation>Middle school</translation>
        </message>
        <message>
            <source>High school</source>
            <translation>High school</translation>
        </message>
        <message>
            <source>Nine-year school</source>
            <translation>Nine-year school</translation>
        </message>
        <message>
            <source>Vocational school</source>
            <translation>Vocational school</translation>
        </message>
        <message>
            <source>Arrival</source>
            <translation>Arrival</translation>
        </message>
        <message>
            <source>Noon</source>
            <translation>Noon</translation>
        </message>
        <message>
            <source>Dismissal</source>
            <translation>Dismissal</translation>
        </message>
        <message>
            <source>After-school care</source>
            <translation>After-school care</translation>
        </message>
        <message>
            <source>Evening study</source>
            <translation>Evening study</translation>
        </message>
        <message>
            <source>Noon dismissal</source>
            <translation>Noon dismissal</translation>
        </message>
        <message>
            <source>Noon return</source>
            <translation>Noon return</translation>
        </message>
        <message>
            <source>{name} ({n})</source>
            <translation>{name} ({n})</translation>
        </message>
        <message>
            <source>After care</source>
            <translation>After care</translation>
        </message>
        <message>
            <source>Evening</source>
            <translation>Evening</translation>
        </message>
        <message>
            <source>Police officer</source>
            <translation>Police officer</translation>
        </message>
        <message>
            <source>Auxiliary police</source>
            <translation>Auxiliary police</translation>
        </message>
        <message>
            <source>Security guard</source>
            <translation>Security guard</translation>
        </message>
        <message>
            <source>Volunteer</source>
            <translation>Volunteer</translation>
        </message>
        <message>
            <source>Monday</source>
            <translation>Monday</translation>
        </message>
        <message>
            <source>Tuesday</source>
            <translation>Tuesday</translation>
        </message>
        <message>
            <source>Wednesday</source>
            <translation>Wednesday</translation>
        </message>
        <message>
            <source>Thursday</source>
            <translation>Thursday</translation>
        </message>
        <message>
            <source>Friday</source>
            <translation>Friday</translation>
        </message>
        <message>
            <source>Saturday</source>
            <translation>Saturday</translation>
        </message>
        <message>
            <source>Sunday</source>
            <translation>Sunday</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Mon</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Tue</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Wed</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Thu</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Fri</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sat</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>Sun</translation>
        </message>
        <message>
            <source>Holiday</source>
            <translation>Holiday</translation>
        </message>
        <message>
            <source>Closure</source>
            <translation>Closure</translation>
        </message>
        <message>
            <source>Make-up working day</source>
            <translation>Make-up working day</translation>
        </message>
        <message>
            <source>Own times</source>
            <translation>Own times</translation>
        </message>
        <message>
            <source>Early release</source>
            <translation>Early release</translation>
        </message>
        <message>
            <source>Exam day</source>
            <translation>Exam day</translation>
        </message>
        <message>
            <source>All schools</source>
            <translation>All schools</translation>
        </message>
        <message>
            <source>A kind of school</source>
            <translation>A kind of school</translation>
        </message>
        <message>
            <source>One school</source>
            <translation>One school</translation>
        </message>
        <message>
            <source>1 low</source>
            <translation>1 low</translation>
        </message>
        <message>
            <source>2 medium</source>
            <translation>2 medium</translation>
        </message>
        <message>
            <source>3 high</source>
            <translation>3 high</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>Police station</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translation>Latitude</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translation>Longitude</translation>
        </message>
        <message>
            <source>Enrolment</source>
            <translation>Enrolment</translation>
        </message>
        <message>
            <source>Officer in charge</source>
            <translation>Officer in charge</translation>
        </message>
        <message>
            <source>Deputy officer in charge</source>
            <translation>Deputy officer in charge</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Max per day</source>
            <translation>Max per day</translation>
        </message>
        <message>
            <source>Max per week</source>
            <translation>Max per week</translation>
        </message>
        <message>
            <source>Earlier load</source>
            <translation>Earlier load</translation>
        </message>
        <message>
            <source>First day</source>
            <translation>First day</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>Last day</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <source>School</source>
            <translation>School</translation>
        </message>
        <message>
            <source>Kind of school</source>
            <translation>Kind of school</translation>
        </message>
        <message>
            <source>Follows weekday</source>
            <translation>Follows weekday</translation>
        </message>
        <message>
            <source>Times</source>
            <translation>Times</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>Posts</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>Preferred schools</source>
            <translation>Preferred schools</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>Risk</translation>
        </message>
        <message>
            <source>Police</source>
            <translation>Police</translation>
        </message>
        <message>
            <source>Officers</source>
            <translation>Officers</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Post {n}</source>
            <translation>Post {n}</translation>
        </message>
        <message>
            <source>Bell times</source>
            <translation>Bell times</translation>
        </message>
        <message>
            <source>Availability</source>
            <translation>Availability</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>Leave</translation>
        </message>
        <message>
            <source>Vacation</source>
            <translation>Vacation</translation>
        </message>
    </context>
    <context>
        <name>LeaveTableModel</name>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>People</source>
            <translation>People</translation>
        </message>
        <message>
            <source>Calendar</source>
            <translation>Calendar</translation>
        </message>
        <message>
            <source>Roster</source>
            <translation>Roster</translation>
        </message>
        <message>
            <source>Patrols</source>
            <translation>Patrols</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Language</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;New database…</source>
            <translation>&amp;New database…</translation>
        </message>
        <message>
            <source>&amp;Open database…</source>
            <translation>&amp;Open database…</translation>
        </message>
        <message>
            <source>Open the Jimei &amp;demo district</source>
            <translation>Open the Jimei &amp;demo district</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Undo</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Redo</translation>
        </message>
        <message>
            <source>&amp;Save changes</source>
            <translation>&amp;Save changes</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Find…</translation>
        </message>
        <message>
            <source>Police s&amp;tations…</source>
            <translation>Police s&amp;tations…</translation>
        </message>
        <message>
            <source>Re&amp;load from the database</source>
            <translation>Re&amp;load from the database</translation>
        </message>
        <message>
            <source>&amp;Full screen</source>
            <translation>&amp;Full screen</translation>
        </message>
        <message>
            <source>中文 (Chinese)</source>
            <translation>中文 (Chinese)</translation>
        </message>
        <message>
            <source>English</source>
            <translation>English</translation>
        </message>
        <message>
            <source>Short &amp;guide</source>
            <translation>Short &amp;guide</translation>
        </message>
        <message>
            <source>&amp;About Huxue</source>
            <translation>&amp;About Huxue</translation>
        </message>
        <message>
            <source>Huxue school-guard planning</source>
            <translation>Huxue school-guard planning</translation>
        </message>
        <message>
            <source>%1 stations · %2 schools · %3 posts · %4 people</source>
            <translation>%1 stations · %2 schools · %3 posts · %4 people</translation>
        </message>
        <message>
            <source>Database: %1</source>
            <translation>Database: %1</translation>
        </message>
        <message>
            <source>Planner: %1</source>
            <translation>Planner: %1</translation>
        </message>
        <message>
            <source>Connected to the server again at %1</source>
            <translation>Connected to the server again at %1</translation>
        </message>
        <message>
            <source>The database server cannot be reached. What you type is kept; Huxue reconnects by itself and saves your pending changes as soon as the server is back.</source>
            <translation>The database server cannot be reached. What you type is kept; Huxue reconnects by itself and saves your pending changes as soon as the server is back.</translation>
        </message>
        <message>
            <source>a station</source>
            <translation>a station</translation>
        </message>
        <message>
            <source>a school</source>
            <translation>a school</translation>
        </message>
        <message>
            <source>a person</source>
            <translation>a person</translation>
        </message>
        <message>
            <source>a term</source>
            <translation>a term</translation>
        </message>
        <message>
            <source>the calendar</source>
            <translation>the calendar</translation>
        </message>
        <message>
            <source>a roster</source>
            <translation>a roster</translation>
        </message>
        <message>
            <source>a patrol unit</source>
            <translation>a patrol unit</translation>
        </message>
        <message>
            <source>attendance</source>
            <translation>attendance</translation>
        </message>
        <message>
            <source>%1 changed %2 at %3</source>
            <translation>%1 changed %2 at %3</translation>
        </message>
        <message>
            <source>&amp;Undo %1</source>
            <translation>&amp;Undo %1</translation>
        </message>
        <message>
            <source>&amp;Redo %1</source>
            <translation>&amp;Redo %1</translation>
        </message>
        <message>
            <source>Change not possible</source>
            <translation>Change not possible</translation>
        </message>
        <message>
            <source>Cannot open the database</source>
            <translation>Cannot open the database</translation>
        </message>
        <message>
            <source>New database</source>
            <translation>New database</translation>
        </message>
        <message>
            <source>Huxue database (*.db)</source>
            <translation>Huxue database (*.db)</translation>
        </message>
        <message>
            <source>%1 exists already; choose a new file name.</source>
            <translation>%1 exists already; choose a new file name.</translation>
        </message>
        <message>
            <source>Open database</source>
            <translation>Open database</translation>
        </message>
        <message>
            <source>Huxue database (*.db);;All files (*)</source>
            <translation>Huxue database (*.db);;All files (*)</translation>
        </message>
        <message>
            <source>Short guide</source>
            <translation>Short guide</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Huxue in five steps&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Schools&lt;/b&gt;: find a school by name, code or pinyin initials (jmxx); edit its fields, its posts and their staffing needs, and its bell times. Grey times are the defaults of the school's kind.&lt;/li&gt;&lt;li&gt;&lt;b&gt;People&lt;/b&gt;: police, auxiliary police, security guards and volunteers, with their phone, limits, preferred schools, weekly availability (paint it with the mouse) and leave.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Calendar&lt;/b&gt;: terms and vacations, public holidays and make-up days, and exceptions such as closures, early release or exam days.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Roster&lt;/b&gt;: plan a week and print the duty sheets.&lt;/li&gt;&lt;li&gt;Every change is saved at once and can be undone with Ctrl+Z.&lt;/li&gt;&lt;/ol&gt;</source>
            <translation>&lt;h3&gt;Huxue in five steps&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Schools&lt;/b&gt;: find a school by name, code or pinyin initials (jmxx); edit its fields, its posts and their staffing needs, and its bell times. Grey times are the defaults of the school's kind.&lt;/li&gt;&lt;li&gt;&lt;b&gt;People&lt;/b&gt;: police, auxiliary police, security guards and volunteers, with their phone, limits, preferred schools, weekly availability (paint it with the mouse) and leave.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Calendar&lt;/b&gt;: terms and vacations, public holidays and make-up days, and exceptions such as closures, early release or exam days.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Roster&lt;/b&gt;: plan a week and print the duty sheets.&lt;/li&gt;&lt;li&gt;Every change is saved at once and can be undone with Ctrl+Z.&lt;/li&gt;&lt;/ol&gt;</translation>
        </message>
        <message>
            <source>About Huxue</source>
            <translation>About Huxue</translation>
        </message>
        <message>
            <source>&lt;h3&gt;护学 Huxue %1&lt;/h3&gt;&lt;p&gt;School-guard post planning for police stations: schools, posts, bell times, people and rosters.&lt;/p&gt;&lt;p&gt;Chinese text uses WenQuanYi Micro Hei (Apache 2.0 / GPL).&lt;/p&gt;</source>
            <translation>&lt;h3&gt;护学 Huxue %1&lt;/h3&gt;&lt;p&gt;School-guard post planning for police stations: schools, posts, bell times, people and rosters.&lt;/p&gt;&lt;p&gt;Chinese text uses WenQuanYi Micro Hei (Apache 2.0 / GPL).&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>MapView</name>
        <message>
            <source>Turnout %1</source>
            <translation>Turnout %1</translation>
        </message>
    </context>
    <context>
        <name>MonthModel</name>
        <message>
            <source>Make-up (%1)</source>
            <translation>Make-up (%1)</translation>
        </message>
        <message>
            <source>No school</source>
            <translation>No school</translation>
        </message>
    </context>
    <context>
        <name>NeedTableModel</name>
        <message>
            <source>Session (staffed)</source>
            <translation>Session (staffed)</translation>
        </message>
        <message>
            <source>Police ≥</source>
            <translation>Police ≥</translation>
        </message>
        <message>
            <source>Officers ≥</source>
            <translation>Officers ≥</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
    </context>
    <context>
        <name>OutputActions</name>
        <message>
            <source>&amp;Print duty sheets…</source>
            <translation>&amp;Print duty sheets…</translation>
        </message>
        <message>
            <source>&amp;Export a week…</source>
            <translation>&amp;Export a week…</translation>
        </message>
        <message>
            <source>&amp;Import from Excel or CSV…</source>
            <translation>&amp;Import from Excel or CSV…</translation>
        </message>
        <message>
            <source>Download an import &amp;template…</source>
            <translation>Download an import &amp;template…</translation>
        </message>
        <message>
            <source>&amp;Back up the database…</source>
            <translation>&amp;Back up the database…</translation>
        </message>
        <message>
            <source>&amp;Restore a backup…</source>
            <translation>&amp;Restore a backup…</translation>
        </message>
        <message>
            <source>Station rosters, school sheets, duty cards and sign-in sheets as PDF</source>
            <translation>Station rosters, school sheets, duty cards and sign-in sheets as PDF</translation>
        </message>
        <message>
            <source>Excel, CSV, calendar files or messages for WeChat and SMS</source>
            <translation>Excel, CSV, calendar files or messages for WeChat and SMS</translation>
        </message>
    </context>
    <context>
        <name>OutputFiles</name>
        <message>
            <source>The folder %1 holds files already. Replace files of the same name?</source>
            <translation>The folder %1 holds files already. Replace files of the same name?</translation>
        </message>
        <message>
            <source>%1 exists already. Replace it?</source>
            <translation>%1 exists already. Replace it?</translation>
        </message>
        <message>
            <source>Replace?</source>
            <translation>Replace?</translation>
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <source>Whole district</source>
            <translation>Whole district</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>Overview</translation>
        </message>
        <message>
            <source>Reading the week…</source>
            <translation>Reading the week…</translation>
        </message>
        <message>
            <source>people by duties this week; %1 at their limit</source>
            <translation>people by duties this week; %1 at their limit</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Mon</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Tue</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Wed</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Thu</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Fri</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sat</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>Sun</translation>
        </message>
        <message>
            <source>No duty this week.</source>
            <translation>No duty this week.</translation>
        </message>
        <message>
            <source>Not planned yet: %1 seats to fill.</source>
            <translation>Not planned yet: %1 seats to fill.</translation>
        </message>
        <message>
            <source>All %1 seats filled.</source>
            <translation>All %1 seats filled.</translation>
        </message>
        <message>
            <source>%1 of %2 seats filled (%3); %4 short, %5 of them at high-risk posts.</source>
            <translation>%1 of %2 seats filled (%3); %4 short, %5 of them at high-risk posts.</translation>
        </message>
        <message>
            <source>High</source>
            <translation>High</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>Medium</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Low</translation>
        </message>
        <message>
            <source>By risk: </source>
            <translation>By risk: </translation>
        </message>
        <message>
            <source>Hours on duty: officers %1 h, volunteers %2 h, security guards %3 h</source>
            <translation>Hours on duty: officers %1 h, volunteers %2 h, security guards %3 h</translation>
        </message>
        <message>
            <source>Turnout (到岗率): no attendance recorded for this week yet.</source>
            <translation>Turnout (到岗率): no attendance recorded for this week yet.</translation>
        </message>
        <message>
            <source>Turnout (到岗率): %1 — %2 of %3 recorded duties attended; %4 absent, %5 late; %6 peak sessions unguarded</source>
            <translation>Turnout (到岗率): %1 — %2 of %3 recorded duties attended; %4 absent, %5 late; %6 peak sessions unguarded</translation>
        </message>
        <message>
            <source>High risk short: %1 %2, %3 %4 (%5 missing)</source>
            <translation>High risk short: %1 %2, %3 %4 (%5 missing)</translation>
        </message>
        <message>
            <source>Not yet published: %1</source>
            <translation>Not yet published: %1</translation>
        </message>
        <message>
            <source>Sheets to print again: %1 (printed %2, the roster changed since)</source>
            <translation>Sheets to print again: %1 (printed %2, the roster changed since)</translation>
        </message>
        <message>
            <source>Nothing left to do for this week.</source>
            <translation>Nothing left to do for this week.</translation>
        </message>
        <message>
            <source>◀ Previous week</source>
            <translation>◀ Previous week</translation>
        </message>
        <message>
            <source>Next week ▶</source>
            <translation>Next week ▶</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>Fill by station</source>
            <translation>Fill by station</translation>
        </message>
        <message>
            <source>What remains to do</source>
            <translation>What remains to do</translation>
        </message>
        <message>
            <source>Load against weekly limits</source>
            <translation>Load against weekly limits</translation>
        </message>
        <message>
            <source>Fill by school and day (click to open in the roster)</source>
            <translation>Fill by school and day (click to open in the roster)</translation>
        </message>
    </context>
    <context>
        <name>PathField</name>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
    </context>
    <context>
        <name>PatrolMapPage</name>
        <message>
            <source>Morning arrival</source>
            <translation>Morning arrival</translation>
        </message>
        <message>
            <source>Noon</source>
            <translation>Noon</translation>
        </message>
        <message>
            <source>Dismissal</source>
            <translation>Dismissal</translation>
        </message>
        <message>
            <source>Evening study</source>
            <translation>Evening study</translation>
        </message>
        <message>
            <source>Patrols</source>
            <translation>Patrols</translation>
        </message>
        <message>
            <source>With patrols</source>
            <translation>With patrols</translation>
        </message>
        <message>
            <source>Colour by turnout</source>
            <translation>Colour by turnout</translation>
        </message>
        <message>
            <source>Plan patrols</source>
            <translation>Plan patrols</translation>
        </message>
        <message>
            <source>Patrol units…</source>
            <translation>Patrol units…</translation>
        </message>
        <message>
            <source>Route cards…</source>
            <translation>Route cards…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Export…</translation>
        </message>
        <message>
            <source>Basemap…</source>
            <translation>Basemap…</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>Fit</translation>
        </message>
        <message>
            <source>Week</source>
            <translation>Week</translation>
        </message>
        <message>
            <source>Response within 1, 3, 5 minutes (posts → with patrols)</source>
            <translation>Response within 1, 3, 5 minutes (posts → with patrols)</translation>
        </message>
        <message>
            <source>turnout ≥ %1</source>
            <translation>turnout ≥ %1</translation>
        </message>
        <message>
            <source>turnout below %1</source>
            <translation>turnout below %1</translation>
        </message>
        <message>
            <source>no attendance recorded</source>
            <translation>no attendance recorded</translation>
        </message>
        <message>
            <source>≤ %1 min</source>
            <translation>≤ %1 min</translation>
        </message>
        <message>
            <source>over 5 min</source>
            <translation>over 5 min</translation>
        </message>
        <message>
            <source>no officer on duty</source>
            <translation>no officer on duty</translation>
        </message>
        <message>
            <source>officer at a post</source>
            <translation>officer at a post</translation>
        </message>
        <message>
            <source>police station</source>
            <translation>police station</translation>
        </message>
        <message>
            <source>Planning patrols…</source>
            <translation>Planning patrols…</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>%1 loops this week; %2 school-windows beyond 5 minutes</source>
            <translation>%1 loops this week; %2 school-windows beyond 5 minutes</translation>
        </message>
        <message>
            <source>No duty sessions this week.</source>
            <translation>No duty sessions this week.</translation>
        </message>
        <message>
            <source>Folder for the route cards</source>
            <translation>Folder for the route cards</translation>
        </message>
        <message>
            <source>Route cards</source>
            <translation>Route cards</translation>
        </message>
        <message>
            <source>Route cards written: %1</source>
            <translation>Route cards written: %1</translation>
        </message>
        <message>
            <source>Export the response report</source>
            <translation>Export the response report</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Written: %1</source>
            <translation>Written: %1</translation>
        </message>
        <message>
            <source>Basemap: %1 tiles could not be fetched from the tile server</source>
            <translation>Basemap: %1 tiles could not be fetched from the tile server</translation>
        </message>
    </context>
    <context>
        <name>PeopleController</name>
        <message>
            <source>%1 of %2 people</source>
            <translation>%1 of %2 people</translation>
        </message>
    </context>
    <context>
        <name>PeoplePage</name>
        <message>
            <source>People</source>
            <translation>People</translation>
        </message>
    </context>
    <context>
        <name>PeopleView</name>
        <message>
            <source>All stations</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>All roles</source>
            <translation>All roles</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Inactive</source>
            <translation>Inactive</translation>
        </message>
        <message>
            <source>Active and inactive</source>
            <translation>Active and inactive</translation>
        </message>
        <message>
            <source>Search name, code, phone or pinyin…</source>
            <translation>Search name, code, phone or pinyin…</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>New person</translation>
        </message>
    </context>
    <context>
        <name>PersonEditor</name>
        <message>
            <source>Add a police station first.</source>
            <translation>Add a police station first.</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>New person</translation>
        </message>
        <message>
            <source>Select a person</source>
            <translation>Select a person</translation>
        </message>
        <message>
            <source>Edit person %1</source>
            <translation>Edit person %1</translation>
        </message>
        <message>
            <source>Add person %1</source>
            <translation>Add person %1</translation>
        </message>
        <message>
            <source>Delete person %1</source>
            <translation>Delete person %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <source>Save the changes to this person?</source>
            <translation>Save the changes to this person?</translation>
        </message>
        <message>
            <source>mobile</source>
            <translation>mobile</translation>
        </message>
        <message>
            <source>landline</source>
            <translation>landline</translation>
        </message>
        <message>
            <source>short number</source>
            <translation>short number</translation>
        </message>
        <message>
            <source>invalid</source>
            <translation>invalid</translation>
        </message>
        <message>
            <source>Delete person</source>
            <translation>Delete person</translation>
        </message>
        <message>
            <source>Delete %1? You can undo this.</source>
            <translation>Delete %1? You can undo this.</translation>
        </message>
    </context>
    <context>
        <name>PersonEditorView</name>
        <message>
            <source>Code (badge no.)</source>
            <translation>Code (badge no.)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>Police station</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Home (lat, lon)</source>
            <translation>Home (lat, lon)</translation>
        </message>
        <message>
            <source>Max per day / week</source>
            <translation>Max per day / week</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>13812345678, 0592-1234567 or 6101</source>
            <translation>13812345678, 0592-1234567 or 6101</translation>
        </message>
        <message>
            <source>latitude</source>
            <translation>latitude</translation>
        </message>
        <message>
            <source>longitude</source>
            <translation>longitude</translation>
        </message>
        <message>
            <source>no limit</source>
            <translation>no limit</translation>
        </message>
        <message>
            <source> per day</source>
            <translation> per day</translation>
        </message>
        <message>
            <source> per week</source>
            <translation> per week</translation>
        </message>
        <message>
            <source>Can be rostered</source>
            <translation>Can be rostered</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>Availability</source>
            <translation>Availability</translation>
        </message>
        <message>
            <source>Leave</source>
            <translation>Leave</translation>
        </message>
        <message>
            <source>Preferred schools</source>
            <translation>Preferred schools</translation>
        </message>
        <message>
            <source>Always available (no weekly pattern)</source>
            <translation>Always available (no weekly pattern)</translation>
        </message>
        <message>
            <source>Paint the times this person can stand guard: press and drag with the mouse; start on a green cell to erase. Columns are quarter hours, 06:00–22:00.</source>
            <translation>Paint the times this person can stand guard: press and drag with the mouse; start on a green cell to erase. Columns are quarter hours, 06:00–22:00.</translation>
        </message>
        <message>
            <source>Weekdays 06:30–19:00</source>
            <translation>Weekdays 06:30–19:00</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>Add leave</source>
            <translation>Add leave</translation>
        </message>
        <message>
            <source>Remove leave</source>
            <translation>Remove leave</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>School name or pinyin…</source>
            <translation>School name or pinyin…</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>Revert</translation>
        </message>
        <message>
            <source>Delete person</source>
            <translation>Delete person</translation>
        </message>
    </context>
    <context>
        <name>PersonTableModel</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>Police station</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Max/week</source>
            <translation>Max/week</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>inactive</source>
            <translation>inactive</translation>
        </message>
        <message>
            <source>on leave</source>
            <translation>on leave</translation>
        </message>
        <message>
            <source>active</source>
            <translation>active</translation>
        </message>
    </context>
    <context>
        <name>Planning</name>
        <message>
            <source>short {n}</source>
            <translation>short {n}</translation>
        </message>
        <message>
            <source>{n} police</source>
            <translation>{n} police</translation>
        </message>
        <message>
            <source>{n} officers</source>
            <translation>{n} officers</translation>
        </message>
        <message>
            <source>{n} people</source>
            <translation>{n} people</translation>
        </message>
        <message>
            <source>on duty at {where}</source>
            <translation>on duty at {where}</translation>
        </message>
        <message>
            <source>at the daily limit (raise max per day)</source>
            <translation>at the daily limit (raise max per day)</translation>
        </message>
        <message>
            <source>at the weekly limit (raise max per week)</source>
            <translation>at the weekly limit (raise max per week)</translation>
        </message>
        <message>
            <source>another station's officer (cross the station boundary)</source>
            <translation>another station's officer (cross the station boundary)</translation>
        </message>
        <message>
            <source>lives beyond the travel radius</source>
            <translation>lives beyond the travel radius</translation>
        </message>
        <message>
            <source>on leave</source>
            <translation>on leave</translation>
        </message>
        <message>
            <source>not available at that time</source>
            <translation>not available at that time</translation>
        </message>
        <message>
            <source>the post does not need this role</source>
            <translation>the post does not need this role</translation>
        </message>
        <message>
            <source>the post is full</source>
            <translation>the post is full</translation>
        </message>
        <message>
            <source>free, not chosen (the solve ended early)</source>
            <translation>free, not chosen (the solve ended early)</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Mon</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Tue</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Wed</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Thu</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Fri</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sat</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>Sun</translation>
        </message>
        <message>
            <source>School · post</source>
            <translation>School · post</translation>
        </message>
        <message>
            <source>Session</source>
            <translation>Session</translation>
        </message>
        <message>
            <source>{school} ({code}), post {post}, risk {risk}</source>
            <translation>{school} ({code}), post {post}, risk {risk}</translation>
        </message>
        <message>
            <source>Need: {police} police, {officers} officers, {total} people</source>
            <translation>Need: {police} police, {officers} officers, {total} people</translation>
        </message>
        <message>
            <source>(pinned)</source>
            <translation>(pinned)</translation>
        </message>
        <message>
            <source>Short: {what}</source>
            <translation>Short: {what}</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Duties</source>
            <translation>Duties</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>Risk</translation>
        </message>
        <message>
            <source>When</source>
            <translation>When</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>Missing</translation>
        </message>
        <message>
            <source>Cause</source>
            <translation>Cause</translation>
        </message>
        <message>
            <source>(cause not computed)</source>
            <translation>(cause not computed)</translation>
        </message>
        <message>
            <source>Who could cover it, and what stops them:</source>
            <translation>Who could cover it, and what stops them:</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Who</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Roster</source>
            <translation>Roster</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>Before</translation>
        </message>
        <message>
            <source>After</source>
            <translation>After</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>Published</translation>
        </message>
        <message>
            <source>New version</source>
            <translation>New version</translation>
        </message>
        <message>
            <source>Generated</source>
            <translation>Generated</translation>
        </message>
        <message>
            <source>Sick-call repair</source>
            <translation>Sick-call repair</translation>
        </message>
        <message>
            <source>Manual edit</source>
            <translation>Manual edit</translation>
        </message>
        <message>
            <source>Added by hand</source>
            <translation>Added by hand</translation>
        </message>
        <message>
            <source>Removed by hand</source>
            <translation>Removed by hand</translation>
        </message>
        <message>
            <source>Moved by hand</source>
            <translation>Moved by hand</translation>
        </message>
        <message>
            <source>Pinned</source>
            <translation>Pinned</translation>
        </message>
        <message>
            <source>Unpinned</source>
            <translation>Unpinned</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Change</translation>
        </message>
        <message>
            <source>Duty</source>
            <translation>Duty</translation>
        </message>
    </context>
    <context>
        <name>PlanningController</name>
        <message>
            <source>Publish this week first: next week starts from its published roster.</source>
            <translation>Publish this week first: next week starts from its published roster.</translation>
        </message>
        <message>
            <source>Nobody found</source>
            <translation>Nobody found</translation>
        </message>
        <message>
            <source>{name} ({code}): {n} duties this week, marked yellow</source>
            <translation>{name} ({code}): {n} duties this week, marked yellow</translation>
        </message>
        <message>
            <source>No duty sessions this week</source>
            <translation>No duty sessions this week</translation>
        </message>
        <message>
            <source>No roster yet: {n} sessions, {s} seats</source>
            <translation>No roster yet: {n} sessions, {s} seats</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>Published</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Draft</translation>
        </message>
        <message>
            <source>{state} {version} · {filled}/{seats} seats filled</source>
            <translation>{state} {version} · {filled}/{seats} seats filled</translation>
        </message>
        <message>
            <source>All {n} seats filled</source>
            <translation>All {n} seats filled</translation>
        </message>
        <message>
            <source>{short} short, {high} of them at high-risk posts</source>
            <translation>{short} short, {high} of them at high-risk posts</translation>
        </message>
        <message>
            <source>Select a cell of the roster.</source>
            <translation>Select a cell of the roster.</translation>
        </message>
        <message>
            <source>Need {police} police, {officers} officers, {total} people</source>
            <translation>Need {police} police, {officers} officers, {total} people</translation>
        </message>
        <message>
            <source>Full: remove someone to put another here.</source>
            <translation>Full: remove someone to put another here.</translation>
        </message>
        <message>
            <source>Choose who to remove in the list.</source>
            <translation>Choose who to remove in the list.</translation>
        </message>
        <message>
            <source>Choose whose duty to pin in the list.</source>
            <translation>Choose whose duty to pin in the list.</translation>
        </message>
        <message>
            <source>Refused: {why}</source>
            <translation>Refused: {why}</translation>
        </message>
    </context>
    <context>
        <name>PlanningPage</name>
        <message>
            <source>Roster</source>
            <translation>Roster</translation>
        </message>
    </context>
    <context>
        <name>PlanningView</name>
        <message>
            <source>Whole district</source>
            <translation>Whole district</translation>
        </message>
        <message>
            <source>All stations</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <source>All risks</source>
            <translation>All risks</translation>
        </message>
        <message>
            <source>red post: high risk</source>
            <translation>red post: high risk</translation>
        </message>
        <message>
            <source>red cell: short</source>
            <translation>red cell: short</translation>
        </message>
        <message>
            <source>pinned</source>
            <translation>pinned</translation>
        </message>
        <message>
            <source>Week of</source>
            <translation>Week of</translation>
        </message>
        <message>
            <source>◀</source>
            <translation>◀</translation>
        </message>
        <message>
            <source>Previous week (Alt+Left)</source>
            <translation>Previous week (Alt+Left)</translation>
        </message>
        <message>
            <source>▶</source>
            <translation>▶</translation>
        </message>
        <message>
            <source>Next week (Alt+Right)</source>
            <translation>Next week (Alt+Right)</translation>
        </message>
        <message>
            <source>Time limit</source>
            <translation>Time limit</translation>
        </message>
        <message>
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Generate</translation>
        </message>
        <message>
            <source>Solve the week in the background; pinned duties are kept</source>
            <translation>Solve the week in the background; pinned duties are kept</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Stop</translation>
        </message>
        <message>
            <source>Stop the search and keep the best roster found</source>
            <translation>Stop the search and keep the best roster found</translation>
        </message>
        <message>
            <source>Sick call…</source>
            <translation>Sick call…</translation>
        </message>
        <message>
            <source>Plan next week from this one</source>
            <translation>Plan next week from this one</translation>
        </message>
        <message>
            <source>Open next week and solve it from this week's published roster: the same people at the same gates; leave and holidays change only what they must</source>
            <translation>Open next week and solve it from this week's published roster: the same people at the same gates; leave and holidays change only what they must</translation>
        </message>
        <message>
            <source>Publish</source>
            <translation>Publish</translation>
        </message>
        <message>
            <source>Filter schools and posts…</source>
            <translation>Filter schools and posts…</translation>
        </message>
        <message>
            <source>Problems only</source>
            <translation>Problems only</translation>
        </message>
        <message>
            <source>Only posts with a short session this week</source>
            <translation>Only posts with a short session this week</translation>
        </message>
        <message>
            <source>Show one station's schools of the district</source>
            <translation>Show one station's schools of the district</translation>
        </message>
        <message>
            <source>Find a person (name or code)…</source>
            <translation>Find a person (name or code)…</translation>
        </message>
        <message>
            <source>Compact rows</source>
            <translation>Compact rows</translation>
        </message>
        <message>
            <source>One line per row: more posts on screen</source>
            <translation>One line per row: more posts on screen</translation>
        </message>
        <message>
            <source>Filter people by name or code…</source>
            <translation>Filter people by name or code…</translation>
        </message>
        <message>
            <source>By station</source>
            <translation>By station</translation>
        </message>
        <message>
            <source>By school</source>
            <translation>By school</translation>
        </message>
        <message>
            <source>By person</source>
            <translation>By person</translation>
        </message>
        <message>
            <source>Compare versions</source>
            <translation>Compare versions</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Audit trail</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Compare</translation>
        </message>
        <message>
            <source>Selected duty</source>
            <translation>Selected duty</translation>
        </message>
        <message>
            <source>On duty (drag to another cell to move):</source>
            <translation>On duty (drag to another cell to move):</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Remove</translation>
        </message>
        <message>
            <source>Pin / unpin</source>
            <translation>Pin / unpin</translation>
        </message>
        <message>
            <source>Eligible and free (drag onto a cell):</source>
            <translation>Eligible and free (drag onto a cell):</translation>
        </message>
        <message>
            <source>Add to this duty</source>
            <translation>Add to this duty</translation>
        </message>
        <message>
            <source>Short posts, riskiest first</source>
            <translation>Short posts, riskiest first</translation>
        </message>
        <message>
            <source>seconds</source>
            <translation>seconds</translation>
        </message>
        <message>
            <source>objective</source>
            <translation>objective</translation>
        </message>
        <message>
            <source>bound</source>
            <translation>bound</translation>
        </message>
    </context>
    <context>
        <name>PostTableModel</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Risk 1–3</source>
            <translation>Risk 1–3</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translation>Latitude</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translation>Longitude</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Empty: the post stands at its school's location</source>
            <translation>Empty: the post stands at its school's location</translation>
        </message>
        <message>
            <source>At the school's location; type to place the post itself</source>
            <translation>At the school's location; type to place the post itself</translation>
        </message>
    </context>
    <context>
        <name>PrintDialog</name>
        <message>
            <source>Print duty sheets</source>
            <translation>Print duty sheets</translation>
        </message>
        <message>
            <source>Week of</source>
            <translation>Week of</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Print</translation>
        </message>
        <message>
            <source>All</source>
            <translation>All</translation>
        </message>
        <message>
            <source>Kind of sheet</source>
            <translation>Kind of sheet</translation>
        </message>
        <message>
            <source>Which sheets</source>
            <translation>Which sheets</translation>
        </message>
        <message>
            <source>Only</source>
            <translation>Only</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>Police station</translation>
        </message>
        <message>
            <source>All stations</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>Full phone numbers (otherwise masked: 138****5678)</source>
            <translation>Full phone numbers (otherwise masked: 138****5678)</translation>
        </message>
        <message>
            <source>Also save each school sheet as an image (PNG) for WeChat</source>
            <translation>Also save each school sheet as an image (PNG) for WeChat</translation>
        </message>
        <message>
            <source>Save in folder</source>
            <translation>Save in folder</translation>
        </message>
        <message>
            <source>Folder for the printed sheets</source>
            <translation>Folder for the printed sheets</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Stop</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Open in the system viewer</source>
            <translation>Open in the system viewer</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <source>Station weekly roster</source>
            <translation>Station weekly roster</translation>
        </message>
        <message>
            <source>School duty sheet</source>
            <translation>School duty sheet</translation>
        </message>
        <message>
            <source>Person duty card</source>
            <translation>Person duty card</translation>
        </message>
        <message>
            <source>Post sign-in sheet</source>
            <translation>Post sign-in sheet</translation>
        </message>
        <message>
            <source>Choose a folder for the sheets.</source>
            <translation>Choose a folder for the sheets.</translation>
        </message>
        <message>
            <source>Reading the week…</source>
            <translation>Reading the week…</translation>
        </message>
        <message>
            <source>Sheet {done} of {total}</source>
            <translation>Sheet {done} of {total}</translation>
        </message>
        <message>
            <source>{n} sheets written to {folder}</source>
            <translation>{n} sheets written to {folder}</translation>
        </message>
        <message>
            <source>All in one file for printing: {name}</source>
            <translation>All in one file for printing: {name}</translation>
        </message>
        <message>
            <source>Nothing printed: {reason}</source>
            <translation>Nothing printed: {reason}</translation>
        </message>
        <message>
            <source>Stopped; the sheets written so far are in the folder.</source>
            <translation>Stopped; the sheets written so far are in the folder.</translation>
        </message>
        <message>
            <source>Cannot show this file: %1</source>
            <translation>Cannot show this file: %1</translation>
        </message>
        <message>
            <source>The printed files appear here.</source>
            <translation>The printed files appear here.</translation>
        </message>
        <message>
            <source>%1: %2 page(s), as printed.</source>
            <translation>%1: %2 page(s), as printed.</translation>
        </message>
        <message>
            <source>The first %1 are shown.</source>
            <translation>The first %1 are shown.</translation>
        </message>
        <message>
            <source>Choose a PDF in the list to see its pages.</source>
            <translation>Choose a PDF in the list to see its pages.</translation>
        </message>
    </context>
    <context>
        <name>ProgressDisplay</name>
        <message>
            <source>Seats filled: – / {n}</source>
            <translation>Seats filled: – / {n}</translation>
        </message>
        <message>
            <source>Solving… {t:.1f} s</source>
            <translation>Solving… {t:.1f} s</translation>
        </message>
        <message>
            <source>Seats filled: {filled} / {seats}</source>
            <translation>Seats filled: {filled} / {seats}</translation>
        </message>
        <message>
            <source>Objective {o:,.0f} · bound {b:,.0f}</source>
            <translation>Objective {o:,.0f} · bound {b:,.0f}</translation>
        </message>
    </context>
    <context>
        <name>RecordEditorController</name>
        <message>
            <source>Read only: {who} may not change another station's records.</source>
            <translation>Read only: {who} may not change another station's records.</translation>
        </message>
        <message>
            <source>%1 changed this record while you were editing it. Your input is kept: save to store it over theirs, or discard it to see theirs.</source>
            <translation>%1 changed this record while you were editing it. Your input is kept: save to store it over theirs, or discard it to see theirs.</translation>
        </message>
    </context>
    <context>
        <name>RepairController</name>
        <message>
            <source>Repairing the roster…</source>
            <translation>Repairing the roster…</translation>
        </message>
        <message>
            <source>The repair failed: {why}</source>
            <translation>The repair failed: {why}</translation>
        </message>
        <message>
            <source>Repair kept. Sheets to print again: {schools}</source>
            <translation>Repair kept. Sheets to print again: {schools}</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>Repair cancelled: nothing was changed.</source>
            <translation>Repair cancelled: nothing was changed.</translation>
        </message>
    </context>
    <context>
        <name>RepairDialog</name>
        <message>
            <source>Sick-call repair</source>
            <translation>Sick-call repair</translation>
        </message>
        <message>
            <source>Repairing the roster changes {n} duties of {p} people.</source>
            <translation>Repairing the roster changes {n} duties of {p} people.</translation>
        </message>
        <message>
            <source>Removed ({n})</source>
            <translation>Removed ({n})</translation>
        </message>
        <message>
            <source>Added ({n})</source>
            <translation>Added ({n})</translation>
        </message>
        <message>
            <source>Moved ({n})</source>
            <translation>Moved ({n})</translation>
        </message>
        <message>
            <source>Sheets to print again:</source>
            <translation>Sheets to print again:</translation>
        </message>
        <message>
            <source>People to tell:</source>
            <translation>People to tell:</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>Accept</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <source>Attendance reports and volunteer hours</source>
            <translation>Attendance reports and volunteer hours</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>This week</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>This month</translation>
        </message>
        <message>
            <source>This term</source>
            <translation>This term</translation>
        </message>
        <message>
            <source>Whole district</source>
            <translation>Whole district</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>Report</translation>
        </message>
        <message>
            <source>For</source>
            <translation>For</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Save as…</translation>
        </message>
        <message>
            <source>Turnout report (到岗率)</source>
            <translation>Turnout report (到岗率)</translation>
        </message>
        <message>
            <source>Volunteer hours: a statement per volunteer</source>
            <translation>Volunteer hours: a statement per volunteer</translation>
        </message>
        <message>
            <source>Volunteer hours: list</source>
            <translation>Volunteer hours: list</translation>
        </message>
        <message>
            <source>The whole district</source>
            <translation>The whole district</translation>
        </message>
        <message>
            <source>No term contains this day.</source>
            <translation>No term contains this day.</translation>
        </message>
        <message>
            <source>The period ends before it starts.</source>
            <translation>The period ends before it starts.</translation>
        </message>
        <message>
            <source>Building the report…</source>
            <translation>Building the report…</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>Saved %1</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Save as</translation>
        </message>
    </context>
    <context>
        <name>ResponseCard</name>
        <message>
            <source>No peak window this week.</source>
            <translation>No peak window this week.</translation>
        </message>
        <message>
            <source>Beyond 5 minutes with patrols: %1 school-windows; no officer at all: %2 → %3</source>
            <translation>Beyond 5 minutes with patrols: %1 school-windows; no officer at all: %2 → %3</translation>
        </message>
        <message>
            <source>Response times at peaks (1-3-5 rule)</source>
            <translation>Response times at peaks (1-3-5 rule)</translation>
        </message>
        <message>
            <source>Place officers for response times when planning</source>
            <translation>Place officers for response times when planning</translation>
        </message>
        <message>
            <source>Among gates of equal shortfall, the roster solve puts officers where they reach more schools within 3 and 5 minutes at peaks (no seat is left empty for it)</source>
            <translation>Among gates of equal shortfall, the roster solve puts officers where they reach more schools within 3 and 5 minutes at peaks (no seat is left empty for it)</translation>
        </message>
    </context>
    <context>
        <name>ResponseModel</name>
        <message>
            <source>Peak</source>
            <translation>Peak</translation>
        </message>
        <message>
            <source>Schools</source>
            <translation>Schools</translation>
        </message>
        <message>
            <source>≤ 1 min</source>
            <translation>≤ 1 min</translation>
        </message>
        <message>
            <source>≤ 3 min</source>
            <translation>≤ 3 min</translation>
        </message>
        <message>
            <source>≤ 5 min</source>
            <translation>≤ 5 min</translation>
        </message>
        <message>
            <source>Avg</source>
            <translation>Avg</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>Max</translation>
        </message>
        <message>
            <source>Posts alone → posts and patrols (minutes)</source>
            <translation>Posts alone → posts and patrols (minutes)</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore a backup</source>
            <translation>Restore a backup</translation>
        </message>
        <message>
            <source>Restoring replaces all data of the open database ({db}) with the backup's. The current data is first saved to {folder}.</source>
            <translation>Restoring replaces all data of the open database ({db}) with the backup's. The current data is first saved to {folder}.</translation>
        </message>
        <message>
            <source>Backup file</source>
            <translation>Backup file</translation>
        </message>
        <message>
            <source>Yes, replace all data of this database</source>
            <translation>Yes, replace all data of this database</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restore</translation>
        </message>
        <message>
            <source>Restoring…</source>
            <translation>Restoring…</translation>
        </message>
        <message>
            <source>Restored {rows} rows of {tables} tables. The data it replaced is in {path}.</source>
            <translation>Restored {rows} rows of {tables} tables. The data it replaced is in {path}.</translation>
        </message>
        <message>
            <source>Nothing restored; the database is unchanged: {reason}</source>
            <translation>Nothing restored; the database is unchanged: {reason}</translation>
        </message>
    </context>
    <context>
        <name>SchoolEditor</name>
        <message>
            <source>Add a police station first.</source>
            <translation>Add a police station first.</translation>
        </message>
        <message>
            <source>New school</source>
            <translation>New school</translation>
        </message>
        <message>
            <source>Select a school</source>
            <translation>Select a school</translation>
        </message>
        <message>
            <source>Edit school %1</source>
            <translation>Edit school %1</translation>
        </message>
        <message>
            <source>Add school %1</source>
            <translation>Add school %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <source>Save the changes to this school?</source>
            <translation>Save the changes to this school?</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>Gate %1</source>
            <translation>Gate %1</translation>
        </message>
        <message>
            <source>Delete school</source>
            <translation>Delete school</translation>
        </message>
        <message>
            <source>Delete %1 with its posts and bell times? You can undo this.</source>
            <translation>Delete %1 with its posts and bell times? You can undo this.</translation>
        </message>
        <message>
            <source>Delete school %1</source>
            <translation>Delete school %1</translation>
        </message>
    </context>
    <context>
        <name>SchoolEditorView</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>Police station</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Location (lat, lon)</source>
            <translation>Location (lat, lon)</translation>
        </message>
        <message>
            <source>Enrolment</source>
            <translation>Enrolment</translation>
        </message>
        <message>
            <source>Officer in charge</source>
            <translation>Officer in charge</translation>
        </message>
        <message>
            <source>Deputy officer in charge</source>
            <translation>Deputy officer in charge</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>latitude, e.g. 24.58</source>
            <translation>latitude, e.g. 24.58</translation>
        </message>
        <message>
            <source>longitude, e.g. 118.10</source>
            <translation>longitude, e.g. 118.10</translation>
        </message>
        <message>
            <source>School takes part in planning</source>
            <translation>School takes part in planning</translation>
        </message>
        <message>
            <source>A police officer named on the school's sheet while the officer in charge is on leave</source>
            <translation>A police officer named on the school's sheet while the officer in charge is on leave</translation>
        </message>
        <message>
            <source>School</source>
            <translation>School</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>Posts</translation>
        </message>
        <message>
            <source>Bell times</source>
            <translation>Bell times</translation>
        </message>
        <message>
            <source>Add post</source>
            <translation>Add post</translation>
        </message>
        <message>
            <source>Remove post</source>
            <translation>Remove post</translation>
        </message>
        <message>
            <source>Staffing need of the selected post</source>
            <translation>Staffing need of the selected post</translation>
        </message>
        <message>
            <source>Guard windows per weekday and session; several windows separated by ; (07:20-07:55). Grey italic days follow the defaults of this kind of school.</source>
            <translation>Guard windows per weekday and session; several windows separated by ; (07:20-07:55). Grey italic days follow the defaults of this kind of school.</translation>
        </message>
        <message>
            <source>Copy Monday to all weekdays</source>
            <translation>Copy Monday to all weekdays</translation>
        </message>
        <message>
            <source>Reset to the defaults of this school kind</source>
            <translation>Reset to the defaults of this school kind</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>Revert</translation>
        </message>
        <message>
            <source>Delete school</source>
            <translation>Delete school</translation>
        </message>
    </context>
    <context>
        <name>SchoolListModel</name>
        <message>
            <source>Preferred school</source>
            <translation>Preferred school</translation>
        </message>
    </context>
    <context>
        <name>SchoolTableModel</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Police station</source>
            <translation>Police station</translation>
        </message>
        <message>
            <source>Posts</source>
            <translation>Posts</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>Risk</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
    </context>
    <context>
        <name>SchoolsController</name>
        <message>
            <source>%1 of %2 schools</source>
            <translation>%1 of %2 schools</translation>
        </message>
    </context>
    <context>
        <name>SchoolsPage</name>
        <message>
            <source>Schools</source>
            <translation>Schools</translation>
        </message>
    </context>
    <context>
        <name>SchoolsView</name>
        <message>
            <source>All stations</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <source>Risk %1</source>
            <translation>Risk %1</translation>
        </message>
        <message>
            <source>Any risk</source>
            <translation>Any risk</translation>
        </message>
        <message>
            <source>Search name, code or pinyin (jmxx)…</source>
            <translation>Search name, code or pinyin (jmxx)…</translation>
        </message>
        <message>
            <source>New school</source>
            <translation>New school</translation>
        </message>
        <message>
            <source>Police stations…</source>
            <translation>Police stations…</translation>
        </message>
    </context>
    <context>
        <name>SickCallDialog</name>
        <message>
            <source>Sick call</source>
            <translation>Sick call</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>From</source>
            <translation>From</translation>
        </message>
        <message>
            <source>To</source>
            <translation>To</translation>
        </message>
        <message>
            <source>The person is put on leave and their station's week is re-solved changing as little as possible. You see every change before it is kept.</source>
            <translation>The person is put on leave and their station's week is re-solved changing as little as possible. You see every change before it is kept.</translation>
        </message>
        <message>
            <source>Repair</source>
            <translation>Repair</translation>
        </message>
    </context>
    <context>
        <name>SolveController</name>
        <message>
            <source>This week has no duty sessions to roster.</source>
            <translation>This week has no duty sessions to roster.</translation>
        </message>
        <message>
            <source>Generate again?</source>
            <translation>Generate again?</translation>
        </message>
        <message>
            <source>This week is published. Generating opens a new draft version; the change is recorded in the audit trail.</source>
            <translation>This week is published. Generating opens a new draft version; the change is recorded in the audit trail.</translation>
        </message>
        <message>
            <source>Generate over manual edits?</source>
            <translation>Generate over manual edits?</translation>
        </message>
        <message>
            <source>This draft has {n} duties set by hand. Pinned ones are kept; the rest of the roster is solved again. Generate?</source>
            <translation>This draft has {n} duties set by hand. Pinned ones are kept; the rest of the roster is solved again. Generate?</translation>
        </message>
        <message>
            <source>Stopping… the best roster found will be kept</source>
            <translation>Stopping… the best roster found will be kept</translation>
        </message>
        <message>
            <source>Storing the roster…</source>
            <translation>Storing the roster…</translation>
        </message>
        <message>
            <source>{status} in {t:.1f} s (stored in {s:.1f} s)</source>
            <translation>{status} in {t:.1f} s (stored in {s:.1f} s)</translation>
        </message>
        <message>
            <source>{kept} of {carried} duties kept from the week before</source>
            <translation>{kept} of {carried} duties kept from the week before</translation>
        </message>
        <message>
            <source>Kept the newer draft; the new roster was not stored.</source>
            <translation>Kept the newer draft; the new roster was not stored.</translation>
        </message>
        <message>
            <source>The roster could not be stored: {why}</source>
            <translation>The roster could not be stored: {why}</translation>
        </message>
        <message>
            <source>The solve failed: {why}</source>
            <translation>The solve failed: {why}</translation>
        </message>
        <message>
            <source>Optimal roster</source>
            <translation>Optimal roster</translation>
        </message>
        <message>
            <source>Roster found</source>
            <translation>Roster found</translation>
        </message>
        <message>
            <source>Stopped; best roster kept</source>
            <translation>Stopped; best roster kept</translation>
        </message>
        <message>
            <source>No roster found</source>
            <translation>No roster found</translation>
        </message>
    </context>
    <context>
        <name>StationFillModel</name>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>Seats</source>
            <translation>Seats</translation>
        </message>
        <message>
            <source>Filled</source>
            <translation>Filled</translation>
        </message>
        <message>
            <source>Short</source>
            <translation>Short</translation>
        </message>
        <message>
            <source>High risk short</source>
            <translation>High risk short</translation>
        </message>
        <message>
            <source>Roster</source>
            <translation>Roster</translation>
        </message>
        <message>
            <source>not generated</source>
            <translation>not generated</translation>
        </message>
        <message>
            <source>published</source>
            <translation>published</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>draft</translation>
        </message>
        <message>
            <source>v%1 %2</source>
            <translation>v%1 %2</translation>
        </message>
    </context>
    <context>
        <name>StationTableModel</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Location (lat, lon)</source>
            <translation>Location (lat, lon)</translation>
        </message>
        <message>
            <source>Schools</source>
            <translation>Schools</translation>
        </message>
        <message>
            <source>People</source>
            <translation>People</translation>
        </message>
        <message>
            <source>not placed</source>
            <translation>not placed</translation>
        </message>
    </context>
    <context>
        <name>StationsController</name>
        <message>
            <source>New police station</source>
            <translation>New police station</translation>
        </message>
        <message>
            <source>Edit station %1</source>
            <translation>Edit station %1</translation>
        </message>
        <message>
            <source>Add station %1</source>
            <translation>Add station %1</translation>
        </message>
        <message>
            <source>Delete station %1</source>
            <translation>Delete station %1</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <source>Save the changes to this station?</source>
            <translation>Save the changes to this station?</translation>
        </message>
        <message>
            <source>Select a station</source>
            <translation>Select a station</translation>
        </message>
        <message>
            <source>%1 schools and %2 people belong to this station.</source>
            <translation>%1 schools and %2 people belong to this station.</translation>
        </message>
        <message>
            <source>%1 police stations</source>
            <translation>%1 police stations</translation>
        </message>
        <message>
            <source>Delete station</source>
            <translation>Delete station</translation>
        </message>
        <message>
            <source>Delete %1? You can undo this.</source>
            <translation>Delete %1? You can undo this.</translation>
        </message>
    </context>
    <context>
        <name>StationsDialog</name>
        <message>
            <source>Police stations</source>
            <translation>Police stations</translation>
        </message>
    </context>
    <context>
        <name>StationsView</name>
        <message>
            <source>Every school and every person belongs to a police station (派出所). Officers guard only the schools of their own station.</source>
            <translation>Every school and every person belongs to a police station (派出所). Officers guard only the schools of their own station.</translation>
        </message>
        <message>
            <source>New station</source>
            <translation>New station</translation>
        </message>
        <message>
            <source>Delete station</source>
            <translation>Delete station</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Location (lat, lon)</source>
            <translation>Location (lat, lon)</translation>
        </message>
        <message>
            <source>e.g. JM</source>
            <translation>e.g. JM</translation>
        </message>
        <message>
            <source>e.g. 集美派出所</source>
            <translation>e.g. 集美派出所</translation>
        </message>
        <message>
            <source>latitude, e.g. 24.58</source>
            <translation>latitude, e.g. 24.58</translation>
        </message>
        <message>
            <source>longitude, e.g. 118.10</source>
            <translation>longitude, e.g. 118.10</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>Revert</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Undo</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Redo</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>TemplateDialog</name>
        <message>
            <source>Download an import template</source>
            <translation>Download an import template</translation>
        </message>
        <message>
            <source>Template for</source>
            <translation>Template for</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>Save as</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Excel (.xlsx, with a sheet explaining each column)</source>
            <translation>Excel (.xlsx, with a sheet explaining each column)</translation>
        </message>
        <message>
            <source>CSV (.csv, header row only)</source>
            <translation>CSV (.csv, header row only)</translation>
        </message>
        <message>
            <source>Template saved: {path}</source>
            <translation>Template saved: {path}</translation>
        </message>
    </context>
    <context>
        <name>TermDialog</name>
        <message>
            <source>Term</source>
            <translation>Term</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>First day</source>
            <translation>First day</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>Last day</translation>
        </message>
        <message>
            <source>Vacations (name, first day, last day; leave the name empty for none)</source>
            <translation>Vacations (name, first day, last day; leave the name empty for none)</translation>
        </message>
    </context>
    <context>
        <name>TermTableModel</name>
        <message>
            <source>Term</source>
            <translation>Term</translation>
        </message>
        <message>
            <source>First day</source>
            <translation>First day</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>Last day</translation>
        </message>
        <message>
            <source>Vacations</source>
            <translation>Vacations</translation>
        </message>
    </context>
    <context>
        <name>Turnout</name>
        <message>
            <source>Turnout</source>
            <translation>Turnout</translation>
        </message>
        <message>
            <source>No attendance recorded in the last %1 weeks</source>
            <translation>No attendance recorded in the last %1 weeks</translation>
        </message>
        <message>
            <source>%1 of %2 duties (last %3 weeks)</source>
            <translation>%1 of %2 duties (last %3 weeks)</translation>
        </message>
    </context>
    <context>
        <name>UnitsDialog</name>
        <message>
            <source>Patrol car</source>
            <translation>Patrol car</translation>
        </message>
        <message>
            <source>E-bike</source>
            <translation>E-bike</translation>
        </message>
        <message>
            <source>On foot</source>
            <translation>On foot</translation>
        </message>
        <message>
            <source>Patrol units</source>
            <translation>Patrol units</translation>
        </message>
        <message>
            <source>person codes, separated by spaces</source>
            <translation>person codes, separated by spaces</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Speed</translation>
        </message>
        <message>
            <source>Crew</source>
            <translation>Crew</translation>
        </message>
        <message>
            <source>Starts from</source>
            <translation>Starts from</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Place</translation>
        </message>
        <message>
            <source>Start latitude, longitude</source>
            <translation>Start latitude, longitude</translation>
        </message>
        <message>
            <source>Ends at</source>
            <translation>Ends at</translation>
        </message>
        <message>
            <source>End latitude, longitude</source>
            <translation>End latitude, longitude</translation>
        </message>
        <message>
            <source>Shift starts</source>
            <translation>Shift starts</translation>
        </message>
        <message>
            <source>Shift ends</source>
            <translation>Shift ends</translation>
        </message>
        <message>
            <source>New</source>
            <translation>New</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>Import…</translation>
        </message>
        <message>
            <source>The station</source>
            <translation>The station</translation>
        </message>
        <message>
            <source>A police post (警务站) or another place</source>
            <translation>A police post (警务站) or another place</translation>
        </message>
        <message>
            <source>Back where it started</source>
            <translation>Back where it started</translation>
        </message>
        <message>
            <source>Another place</source>
            <translation>Another place</translation>
        </message>
        <message>
            <source>e.g. 杏林湾警务站</source>
            <translation>e.g. 杏林湾警务站</translation>
        </message>
        <message>
            <source>Imported: %1</source>
            <translation>Imported: %1</translation>
        </message>
        <message>
            <source>Import patrol units</source>
            <translation>Import patrol units</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>UnitsModel</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Shift</source>
            <translation>Shift</translation>
        </message>
        <message>
            <source>Crew</source>
            <translation>Crew</translation>
        </message>
    </context>
    <context>
        <name>VersionsController</name>
        <message>
            <source>Published {n} roster(s); later edits open a new version.</source>
            <translation>Published {n} roster(s); later edits open a new version.</translation>
        </message>
        <message>
            <source>published</source>
            <translation>published</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>draft</translation>
        </message>
        <message>
            <source>{n} version(s) of this week</source>
            <translation>{n} version(s) of this week</translation>
        </message>
        <message>
            <source>moved</source>
            <translation>moved</translation>
        </message>
        <message>
            <source>removed</source>
            <translation>removed</translation>
        </message>
        <message>
            <source>added</source>
            <translation>added</translation>
        </message>
        <message>
            <source>{r} removed, {a} added, {m} moved; {p} people concerned</source>
            <translation>{r} removed, {a} added, {m} moved; {p} people concerned</translation>
        </message>
        <message>
            <source>Publish the week?</source>
            <translation>Publish the week?</translation>
        </message>
        <message>
            <source>Publishing locks this version of the roster. Later changes open a new version and are recorded in the audit trail.</source>
            <translation>Publishing locks this version of the roster. Later changes open a new version and are recorded in the audit trail.</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to Huxue</source>
            <translation>Welcome to Huxue</translation>
        </message>
        <message>
            <source>Welcome to Huxue school-guard planning</source>
            <translation>Welcome to Huxue school-guard planning</translation>
        </message>
        <message>
            <source>There is no database yet. Explore the Jimei demo district (276 schools, six police stations), or start with an empty database of your own.</source>
            <translation>There is no database yet. Explore the Jimei demo district (276 schools, six police stations), or start with an empty database of your own.</translation>
        </message>
        <message>
            <source>Open the Jimei demo district</source>
            <translation>Open the Jimei demo district</translation>
        </message>
        <message>
            <source>Create an empty database</source>
            <translation>Create an empty database</translation>
        </message>
        <message>
            <source>Open a database file…</source>
            <translation>Open a database file…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Open database</source>
            <translation>Open database</translation>
        </message>
        <message>
            <source>Huxue database (*.db);;All files (*)</source>
            <translation>Huxue database (*.db);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>_FileJobDialog</name>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
    </context>
</TS>
