#pragma once

#include "core/scheduling/schedule.h"

#include <QDialog>

class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace taskdesk::ui {

// A new schedule: what to enqueue (kind, queue, priority, JSON args) and when
// (every N seconds or a cron expression). OK is refused with the schedule's
// own message while something is wrong.
class ScheduleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDialog)

public:
    explicit ScheduleDialog(QWidget *parent = nullptr);

    Schedule schedule() const { return m_schedule; }
    void accept() override;

private:
    QLineEdit *m_name;
    QLineEdit *m_kind;
    QLineEdit *m_queue;
    QSpinBox *m_priority;
    QLineEdit *m_args;
    QRadioButton *m_interval;
    QSpinBox *m_every;
    QRadioButton *m_cronChoice;
    QLineEdit *m_cron;
    Schedule m_schedule;
};

} // namespace taskdesk::ui
