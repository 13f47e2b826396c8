package api

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// The JSON shapes of the organisation API, read and written alike; ids,
// store and closing times are set by Siyu and ignored on input.

type brandJSON struct {
	ID              int64     `json:"id"`
	Name            string    `json:"name"`
	SharesCustomers bool      `json:"shares_customers"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

type regionJSON struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type storeJSON struct {
	ID           int64      `json:"id"`
	Code         string     `json:"code"`
	Name         string     `json:"name"`
	Kind         string     `json:"kind"`
	BrandID      *int64     `json:"brand_id"`
	RegionID     *int64     `json:"region_id"`
	City         string     `json:"city"`
	Address      string     `json:"address"`
	Latitude     *int64     `json:"latitude"` // micro-degrees
	Longitude    *int64     `json:"longitude"`
	OpeningHours string     `json:"opening_hours"`
	Status       string     `json:"status"`
	ClosedAt     *time.Time `json:"closed_at"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

type guideJSON struct {
	ID        int64      `json:"id"`
	UserID    string     `json:"userid"`
	StoreCode string     `json:"store_code"`
	StoreID   int64      `json:"store_id"`
	Role      string     `json:"role"`
	Status    string     `json:"status"`
	Name      string     `json:"name"`
	LeftAt    *time.Time `json:"left_at"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

func toBrand(b app.Brand) brandJSON {
	return brandJSON{ID: b.ID, Name: b.Name, SharesCustomers: b.SharesCustomers, CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt}
}

func fromBrand(j brandJSON, corpID, id int64) *app.Brand {
	return &app.Brand{ID: id, CorpID: corpID, Name: j.Name, SharesCustomers: j.SharesCustomers}
}

func toRegion(r app.Region) regionJSON {
	return regionJSON{ID: r.ID, Name: r.Name, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func fromRegion(j regionJSON, corpID, id int64) *app.Region {
	return &app.Region{ID: id, CorpID: corpID, Name: j.Name}
}

func toStore(s app.Store) storeJSON {
	return storeJSON{ID: s.ID, Code: s.Code, Name: s.Name, Kind: s.Kind, BrandID: s.BrandID, RegionID: s.RegionID,
		City: s.City, Address: s.Address, Latitude: s.Latitude, Longitude: s.Longitude, OpeningHours: s.OpeningHours,
		Status: s.Status, ClosedAt: s.ClosedAt, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}

func fromStore(j storeJSON, corpID, id int64) *app.Store {
	return &app.Store{ID: id, CorpID: corpID, Code: j.Code, Name: j.Name, Kind: j.Kind, BrandID: j.BrandID, RegionID: j.RegionID,
		City: j.City, Address: j.Address, Latitude: j.Latitude, Longitude: j.Longitude, OpeningHours: j.OpeningHours, Status: j.Status}
}

func toGuide(g app.Guide) guideJSON {
	return guideJSON{ID: g.ID, UserID: g.UserID, Name: g.Name, StoreCode: g.StoreCode, StoreID: g.StoreID, Role: g.Role, Status: g.Status,
		LeftAt: g.LeftAt, CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt}
}

func fromGuide(j guideJSON, corpID, id int64) *app.Guide {
	return &app.Guide{ID: id, CorpID: corpID, UserID: j.UserID, Name: j.Name, StoreCode: j.StoreCode, Role: j.Role, Status: j.Status}
}
