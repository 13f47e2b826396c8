package app

import (
	"context"
	"time"
)

// Kinds of uplift measured (app/uplift).
const (
	// UpliftGuide compares customers linked to a guide with customers
	// not linked, matched on store, period and RFM class at link time:
	// annual spend per customer.
	UpliftGuide = "guide"
	// UpliftMassSend compares a mass send's treated customers with its
	// holdout: conversion and revenue in the window after the send.
	UpliftMassSend = "masssend"
	// UpliftJourney compares a journey's treated customers with its
	// holdout, likewise.
	UpliftJourney = "journey"
)

// Estimate is a difference with its 95% confidence interval. Relative
// estimates are fractions (0.30 = +30%); absolute ones are in the unit of
// the measure (cents, or a fraction for conversion). Valid is false when
// the data cannot give it (no control spend to compare with, too few
// customers): the zero Estimate.
type Estimate struct {
	Value, Low, High float64
	Valid            bool
}

// Covers reports whether the interval holds x.
func (e Estimate) Covers(x float64) bool { return e.Valid && e.Low <= x && x <= e.High }

// UpliftResult is one measured uplift, computed in the background and
// read by the dashboards. SubjectID is the mass send's or journey's id
// (0 for UpliftGuide); StoreID limits it to one store (0: the corp).
type UpliftResult struct {
	CorpID    int64
	Kind      string
	SubjectID int64
	StoreID   int64
	// From and To are when the customers compared were linked, sent or
	// first fired: the whole months [From, To) for UpliftGuide, the first
	// and the last such time for holdouts.
	From, To time.Time
	// WindowDays is the outcome window after each customer's link, send
	// or fire: 365 for UpliftGuide (spend annualised when shorter), the
	// conversion window for holdouts.
	WindowDays int
	Treated    int64 // customers treated (linked, sent) in the comparison
	Control    int64 // customers compared against (not linked, holdout)
	// Spend is the relative difference of mean spend (revenue) per
	// customer, treated vs control; Conversion the absolute difference of
	// the share of customers who ordered, and ConversionLift its relative
	// one; Revenue the absolute difference of mean revenue per customer
	// in cents (a year's, for UpliftGuide).
	Spend, Conversion, ConversionLift, Revenue Estimate
	// TreatedMeanCents and ControlMeanCents are the means compared (the
	// control's reweighted to the treated's strata for UpliftGuide).
	TreatedMeanCents int64
	ControlMeanCents int64
	// TreatedRate and ControlRate are the shares who ordered (holdouts).
	TreatedRate, ControlRate float64
	Strata                   int64 // matched strata used (UpliftGuide)
	StrataDropped            int64 // strata left out: one group missing or too small
	TreatedDropped           int64 // treated customers in the strata left out
	ComputedAt               time.Time
}

// UpliftReader reads computed uplift results.
type UpliftReader interface {
	// Uplifts returns the latest results of a kind for a store (0: the
	// corp), newest subject first.
	Uplifts(ctx context.Context, corpID int64, kind string, storeID int64) ([]UpliftResult, error)
}
