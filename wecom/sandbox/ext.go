package sandbox

// extState is the corp state beyond contacts, groups and tags.
type extState struct {
	welcomeCodes   map[string]*welcomeCode
	welcomes       []WelcomeMessage
	contactWays    map[string]*ContactWay
	contactWayIDs  []string
	contactWaysAPI int // created through the API, for the 500,000 cap
	massSends      map[string]*MassSend
	massSendIDs    []string
	massLimit      MassSendLimit // zero: the sandbox's
	transfers      []*Transfer
	behavior       map[behaviorKey]*behaviorDay
	behaviorCalls  []BehaviorCall // get_user_behavior_data requests answered
	tickets        map[string]*ticket
	loginCodes     map[string]*loginCode
	oauthCodes     map[string]*oauthCode
	media          map[string]*Media
	joinWays       map[string]*JoinWay
	links          map[string]*AcquisitionLink // 获客链接 by link_id
}

func newExtState() extState {
	return extState{
		welcomeCodes: map[string]*welcomeCode{},
		contactWays:  map[string]*ContactWay{},
		massSends:    map[string]*MassSend{},
		behavior:     map[behaviorKey]*behaviorDay{},
		tickets:      map[string]*ticket{},
		loginCodes:   map[string]*loginCode{},
		oauthCodes:   map[string]*oauthCode{},
		media:        map[string]*Media{},
		joinWays:     map[string]*JoinWay{},
		links:        map[string]*AcquisitionLink{},
	}
}
