<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  English plural forms for the strings that count something (%n). Every other string
  is shown as written in the code. After editing, rebuild the .qm beside this file:
  .venv/bin/pyside6-lrelease trainer/ui/translations/trainer_en.ts
-->
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppWindow</name>
    <message numerus="yes">
        <source>%n module(s) unavailable: see the course home</source>
        <translation>
            <numerusform>%n module unavailable: see the course home</numerusform>
            <numerusform>%n modules unavailable: see the course home</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%s” was not finished. All %n answer(s) you gave are saved. Resume it now?</source>
        <translation>
            <numerusform>“%s” was not finished. The answer you gave is saved. Resume it now?</numerusform>
            <numerusform>“%s” was not finished. All %n answers you gave are saved. Resume it now?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Course reloaded: %n problem(s)</source>
        <translation>
            <numerusform>Course reloaded: %n problem</numerusform>
            <numerusform>Course reloaded: %n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message numerus="yes">
        <source>%n required question(s) not answered yet: see the marked items.</source>
        <translation>
            <numerusform>%n required question not answered yet: see the marked item.</numerusform>
            <numerusform>%n required questions not answered yet: see the marked items.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuizPage</name>
    <message numerus="yes">
        <source>Welcome back: your %n earlier answer(s) are kept.</source>
        <translation>
            <numerusform>Welcome back: your earlier answer is kept.</numerusform>
            <numerusform>Welcome back: your %n earlier answers are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Time left: %n minute(s)</source>
        <translation>
            <numerusform>Time left: %n minute</numerusform>
            <numerusform>Time left: %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question(s) have no answer yet, and earn no points. Submit anyway?</source>
        <translation>
            <numerusform>%n question has no answer yet, and earns no points. Submit anyway?</numerusform>
            <numerusform>%n questions have no answer yet, and earn no points. Submit anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message numerus="yes">
        <source>You have %n attempt(s) left.</source>
        <translation>
            <numerusform>You have %n attempt left.</numerusform>
            <numerusform>You have %n attempts left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>Next review of this item: in %n day(s).</source>
        <translation>
            <numerusform>Next review of this item: in %n day.</numerusform>
            <numerusform>Next review of this item: in %n days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewWords</name>
    <message numerus="yes">
        <source>%n booster item(s) are due now</source>
        <translation>
            <numerusform>%n booster item is due now</numerusform>
            <numerusform>%n booster items are due now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(about %n minute(s)).</source>
        <translation>
            <numerusform>(about %n minute).</numerusform>
            <numerusform>(about %n minutes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booster item(s) are due today.</source>
        <translation>
            <numerusform>%n booster item is due today.</numerusform>
            <numerusform>%n booster items are due today.</numerusform>
        </translation>
    </message>
</context>
</TS>
