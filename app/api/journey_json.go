package api

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// journeyJSON is a journey as the API reads and answers it; the steps,
// trigger and audience keep their domain shape.
type journeyJSON struct {
	ID           int64               `json:"id"`
	Name         string              `json:"name"`
	Status       string              `json:"status"`
	Trigger      app.JourneyTrigger  `json:"trigger"`
	Reentry      string              `json:"reentry"`
	Audience     app.JourneyAudience `json:"audience"`
	Steps        []app.JourneyStep   `json:"steps"`
	CatchUpHours int                 `json:"catch_up_hours"`
	// HoldoutPercent is the share of customers held out (0–50).
	HoldoutPercent int              `json:"holdout_percent"`
	CreatedBy      string           `json:"created_by,omitempty"`
	CreatedAt      *time.Time       `json:"created_at,omitempty"`
	UpdatedAt      *time.Time       `json:"updated_at,omitempty"`
	Fires          map[string]int64 `json:"fires,omitempty"` // per status, on a single journey
}

func toJourney(j app.Journey) journeyJSON {
	return journeyJSON{ID: j.ID, Name: j.Name, Status: j.Status, Trigger: j.Trigger, Reentry: j.Reentry, Audience: j.Audience,
		Steps: j.Steps, CatchUpHours: j.CatchUpHours, HoldoutPercent: j.HoldoutPercent, CreatedBy: j.CreatedBy, CreatedAt: &j.CreatedAt, UpdatedAt: &j.UpdatedAt}
}

// journey is the input part of the body.
func (j journeyJSON) journey() app.Journey {
	return app.Journey{Name: j.Name, Trigger: j.Trigger, Reentry: j.Reentry, Audience: j.Audience, Steps: j.Steps, CatchUpHours: j.CatchUpHours,
		HoldoutPercent: j.HoldoutPercent}
}

type fireJSON struct {
	ID             int64      `json:"id"`
	StepID         int        `json:"step_id"`
	ExternalUserID string     `json:"external_userid"`
	Occurrence     string     `json:"occurrence"`
	UserID         string     `json:"userid"`
	DueAt          time.Time  `json:"due_at"`
	Status         string     `json:"status"`
	Attempts       int        `json:"attempts"`
	Result         string     `json:"result"`
	CreatedAt      time.Time  `json:"created_at"`
	DoneAt         *time.Time `json:"done_at"`
}

func toFire(f app.JourneyFire) fireJSON {
	return fireJSON{ID: f.ID, StepID: f.StepID, ExternalUserID: f.ExternalUserID, Occurrence: f.Occurrence, UserID: f.UserID,
		DueAt: f.DueAt, Status: f.Status, Attempts: f.Attempts, Result: f.Result, CreatedAt: f.CreatedAt, DoneAt: f.DoneAt}
}

type holidayJSON struct {
	Code string `json:"code"`
	Year int    `json:"year"`
	Name string `json:"name"`
	Date string `json:"date"`
}

func toHoliday(h app.Holiday) holidayJSON {
	return holidayJSON{Code: h.Code, Year: h.Year, Name: h.Name, Date: h.Date}
}
